import Foundation

/// Accumulates a profile while decoding. Two passes over the top level: the
/// first decodes everything but samples, the second decodes samples with
/// their location ids resolved to indices, so no raw id array is kept.
struct ProfileBuilder {
    var profile = Profile()
    private var stringsSeen = false
    private var timeSeen = false
    private var sampleTypeIndices: [(type: UInt64, unit: UInt64)] = []
    private var periodTypeIndices: (type: UInt64, unit: UInt64) = (0, 0)
    private var dropFramesIndex: UInt64 = 0
    private var keepFramesIndex: UInt64 = 0
    private var defaultSampleTypeIndex: UInt64 = 0
    private var docURLIndex: UInt64 = 0
    private var commentIndices: [UInt64] = []
    private var mappingStrings: [(file: UInt64, buildID: UInt64)] = []
    private var functionStrings: [(name: UInt64, systemName: UInt64, filename: UInt64)] = []
    private var locationMappingIDs: [UInt64] = []
    private var lineFunctionIDs: [UInt64] = []
    /// Location id -> index + 1 for small ids (0 = no such location).
    private(set) var denseLocationIndex: [UInt32] = []
    private(set) var sparseLocationIndex: [UInt64: UInt32] = [:]

    // MARK: Pass 1

    /// Decodes the top-level fields from `start` to the end of `buffer`
    /// (called again from where it stopped while the bytes are arriving).
    mutating func decodeTopLevel(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) throws(ProfileError) {
        var reader = WireReader(UnsafeBufferPointer(rebasing: buffer[start...]), origin: start, message: "Profile")
        while !reader.isAtEnd {
            let fieldStart = reader.absolutePosition
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1:
                var sub = try reader.readMessage(wireType, field: field, message: "Profile.sample_type")
                sampleTypeIndices.append(try decodeValueType(&sub))
            case 2:
                // Samples are decoded in pass 2, once locations are known;
                // here they are only counted, to size the arrays exactly.
                try reader.expectLengthDelimited(wireType, field: field)
                if sampleCount % SampleRun.length == 0 {
                    runs.append(
                        SampleRun(
                            offset: fieldStart, firstSample: sampleCount,
                            firstLocation: locationReferenceCount, firstLabel: labelCount))
                }
                var sample = try reader.readLengthDelimited(message: "Sample", index: sampleCount)
                try countSample(&sample)
            case 3:
                var sub = try reader.readMessage(wireType, field: field, message: "Mapping")
                try decodeMapping(&sub)
            case 4:
                var sub = try reader.readMessage(wireType, field: field, message: "Location")
                try decodeLocation(&sub)
            case 5:
                var sub = try reader.readMessage(wireType, field: field, message: "Function")
                try decodeFunction(&sub)
            case 6:
                try reader.expectLengthDelimited(wireType, field: field)
                let start = reader.absolutePosition
                let string = try reader.readString()
                if !stringsSeen {
                    stringsSeen = true
                    guard string.isEmpty else {
                        throw .malformed(offset: start, message: "Profile.string_table", reason: "string_table[0] must be ''")
                    }
                    continue
                }
                guard profile.strings.count < Int(Int32.max) else {
                    throw .malformed(offset: start, message: "Profile.string_table", reason: "too many strings")
                }
                profile.strings.append(string)
            case 7: dropFramesIndex = try reader.readUInt64(wireType, field: field)
            case 8: keepFramesIndex = try reader.readUInt64(wireType, field: field)
            case 9:
                let start = reader.absolutePosition
                let value = try reader.readUInt64(wireType, field: field)
                if timeSeen {
                    throw .malformed(offset: start, message: "Profile", reason: "concatenated profiles detected (time_nanos seen twice)")
                }
                timeSeen = true
                profile.timeNanos = Int64(bitPattern: value)
            case 10: profile.durationNanos = Int64(bitPattern: try reader.readUInt64(wireType, field: field))
            case 11:
                var sub = try reader.readMessage(wireType, field: field, message: "Profile.period_type")
                periodTypeIndices = try decodeValueType(&sub)
            case 12: profile.period = Int64(bitPattern: try reader.readUInt64(wireType, field: field))
            case 13: try reader.readRepeated(wireType, field: field) { commentIndices.append($0) }
            case 14: defaultSampleTypeIndex = try reader.readUInt64(wireType, field: field)
            case 15: docURLIndex = try reader.readUInt64(wireType, field: field)
            default: try reader.skip(wireType)
            }
        }
    }

    private func decodeValueType(_ reader: inout WireReader) throws(ProfileError) -> (type: UInt64, unit: UInt64) {
        var result: (type: UInt64, unit: UInt64) = (0, 0)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: result.type = try reader.readUInt64(wireType, field: field)
            case 2: result.unit = try reader.readUInt64(wireType, field: field)
            default: try reader.skip(wireType)
            }
        }
        return result
    }

    private mutating func decodeMapping(_ reader: inout WireReader) throws(ProfileError) {
        var mapping = Mapping(id: 0)
        var strings: (file: UInt64, buildID: UInt64) = (0, 0)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: mapping.id = try reader.readUInt64(wireType, field: field)
            case 2: mapping.memoryStart = try reader.readUInt64(wireType, field: field)
            case 3: mapping.memoryLimit = try reader.readUInt64(wireType, field: field)
            case 4: mapping.fileOffset = try reader.readUInt64(wireType, field: field)
            case 5: strings.file = try reader.readUInt64(wireType, field: field)
            case 6: strings.buildID = try reader.readUInt64(wireType, field: field)
            case 7: mapping.hasFunctions = try reader.readUInt64(wireType, field: field) != 0
            case 8: mapping.hasFilenames = try reader.readUInt64(wireType, field: field) != 0
            case 9: mapping.hasLineNumbers = try reader.readUInt64(wireType, field: field) != 0
            case 10: mapping.hasInlineFrames = try reader.readUInt64(wireType, field: field) != 0
            default: try reader.skip(wireType)
            }
        }
        // Checked here, before it is stored, so that millions of empty
        // records fail at the first one instead of after all are built.
        guard mapping.id != 0 else { throw .invalid("found mapping with reserved ID=0") }
        profile.mappings.append(mapping)
        mappingStrings.append(strings)
    }

    private mutating func decodeLocation(_ reader: inout WireReader) throws(ProfileError) {
        let lineStart = profile.lines.count
        var location = Location(id: 0, lineStart: 0, lineEnd: 0)
        var mappingID: UInt64 = 0
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: location.id = try reader.readUInt64(wireType, field: field)
            case 2: mappingID = try reader.readUInt64(wireType, field: field)
            case 3: location.address = try reader.readUInt64(wireType, field: field)
            case 4:
                var sub = try reader.readMessage(wireType, field: field, message: "Line")
                var line = Line(function: -1, line: 0)
                var functionID: UInt64 = 0
                while !sub.isAtEnd {
                    let (lineField, lineWireType) = try sub.readKey()
                    switch lineField {
                    case 1: functionID = try sub.readUInt64(lineWireType, field: lineField)
                    case 2: line.line = Int64(bitPattern: try sub.readUInt64(lineWireType, field: lineField))
                    case 3: line.column = Int64(bitPattern: try sub.readUInt64(lineWireType, field: lineField))
                    default: try sub.skip(lineWireType)
                    }
                }
                profile.lines.append(line)
                lineFunctionIDs.append(functionID)
            case 5: location.isFolded = try reader.readUInt64(wireType, field: field) != 0
            default: try reader.skip(wireType)
            }
        }
        guard profile.lines.count < Int(Int32.max) else {
            throw reader.error("too many lines")
        }
        location.lineStart = Int32(lineStart)
        location.lineEnd = Int32(profile.lines.count)
        guard location.id != 0 else { throw .invalid("found location with reserved ID=0") }
        profile.locations.append(location)
        locationMappingIDs.append(mappingID)
    }

    private mutating func decodeFunction(_ reader: inout WireReader) throws(ProfileError) {
        var function = Function(id: 0, name: "")
        var strings: (name: UInt64, systemName: UInt64, filename: UInt64) = (0, 0, 0)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: function.id = try reader.readUInt64(wireType, field: field)
            case 2: strings.name = try reader.readUInt64(wireType, field: field)
            case 3: strings.systemName = try reader.readUInt64(wireType, field: field)
            case 4: strings.filename = try reader.readUInt64(wireType, field: field)
            case 5: function.startLine = Int64(bitPattern: try reader.readUInt64(wireType, field: field))
            default: try reader.skip(wireType)
            }
        }
        guard function.id != 0 else { throw .invalid("found function with reserved ID=0") }
        profile.functions.append(function)
        functionStrings.append(strings)
    }

    private(set) var sampleCount = 0
    private(set) var locationReferenceCount = 0
    private(set) var labelCount = 0
    /// Where each run of `SampleRun.length` samples starts, so that pass 2
    /// can decode runs on several threads straight into their final place.
    private(set) var runs: [SampleRun] = []

    /// Counts a sample's location ids and labels without decoding them.
    private mutating func countSample(_ reader: inout WireReader) throws(ProfileError) {
        sampleCount += 1
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            if field == 1 && wireType == .lengthDelimited {
                locationReferenceCount += try reader.readLengthDelimited().countVarints()
            } else {
                if field == 1 { locationReferenceCount += 1 }
                if field == 3 { labelCount += 1 }
                try reader.skip(wireType)
            }
        }
    }

    // MARK: Between the passes

    private func string(_ index: UInt64, _ what: @autoclosure () -> String) throws(ProfileError) -> String {
        guard index < UInt64(profile.strings.count) else {
            throw .invalid("\(what()) refers to string \(index), but the string table has \(profile.strings.count) entries")
        }
        return profile.strings[Int(index)]
    }

    mutating func resolveReferences() throws(ProfileError) {
        for i in sampleTypeIndices.indices {
            let (type, unit) = sampleTypeIndices[i]
            profile.sampleTypes.append(
                ValueType(
                    type: try string(type, "sample_type \(i) type"),
                    unit: try string(unit, "sample_type \(i) unit")))
        }
        profile.periodType = ValueType(
            type: try string(periodTypeIndices.type, "period_type type"),
            unit: try string(periodTypeIndices.unit, "period_type unit"))
        profile.dropFrames = try string(dropFramesIndex, "drop_frames")
        profile.keepFrames = try string(keepFramesIndex, "keep_frames")
        profile.defaultSampleType = try string(defaultSampleTypeIndex, "default_sample_type")
        profile.docURL = try string(docURLIndex, "doc_url")
        for index in commentIndices {
            profile.comments.append(try string(index, "comment"))
        }
        for i in profile.mappings.indices {
            let id = profile.mappings[i].id
            profile.mappings[i].file = try string(mappingStrings[i].file, "mapping id \(id) filename")
            profile.mappings[i].buildID = try string(mappingStrings[i].buildID, "mapping id \(id) build_id")
        }
        for i in profile.functions.indices {
            let id = profile.functions[i].id
            profile.functions[i].name = try string(functionStrings[i].name, "function id \(id) name")
            profile.functions[i].systemName = try string(functionStrings[i].systemName, "function id \(id) system_name")
            profile.functions[i].filename = try string(functionStrings[i].filename, "function id \(id) filename")
        }

        // Ids must be non-zero and unique (pprof's CheckValid).
        let mappingIndex = try indexByID(profile.mappings.map(\.id), kind: "mapping")
        let functionIndex = try indexByID(profile.functions.map(\.id), kind: "function")
        let locationIDs = profile.locations.map(\.id)
        let locationIndex = try indexByID(locationIDs, kind: "location")

        for i in profile.locations.indices {
            let mappingID = locationMappingIDs[i]
            // A dangling mapping id quietly means "no mapping", as in pprof.
            profile.locations[i].mapping = mappingID == 0 ? -1 : (mappingIndex.lookup(mappingID).map(Int32.init) ?? -1)
            let location = profile.locations[i]
            for l in Int(location.lineStart)..<Int(location.lineEnd) {
                let functionID = lineFunctionIDs[l]
                guard functionID != 0, let index = functionIndex.lookup(functionID) else {
                    throw .invalid("location id: \(location.id) has a line with nil function (function id \(functionID) does not exist)")
                }
                profile.lines[l].function = Int32(index)
            }
        }
        switch locationIndex {
        case .dense(let table): denseLocationIndex = table
        case .sparse(let table): sparseLocationIndex = table
        }
        locationMappingIDs = []
        lineFunctionIDs = []
    }

    /// An id -> index table: an array when ids are small, else a dictionary.
    enum IDIndex {
        case dense([UInt32])  // id -> index + 1, 0 = absent
        case sparse([UInt64: UInt32])

        func lookup(_ id: UInt64) -> Int? {
            switch self {
            case .dense(let table):
                guard id < UInt64(table.count) else { return nil }
                let slot = table[Int(id)]
                return slot == 0 ? nil : Int(slot - 1)
            case .sparse(let table):
                return table[id].map(Int.init)
            }
        }
    }

    private func indexByID(_ ids: [UInt64], kind: String) throws(ProfileError) -> IDIndex {
        guard ids.count < Int(UInt32.max) else { throw .invalid("too many \(kind)s") }
        let maxID = ids.max() ?? 0
        if maxID <= UInt64(ids.count) * 4 + 64 {
            var table = [UInt32](repeating: 0, count: Int(maxID) + 1)
            for (index, id) in ids.enumerated() {
                guard id != 0 else { throw .invalid("found \(kind) with reserved ID=0") }
                guard table[Int(id)] == 0 else { throw .invalid("multiple \(kind)s with same id: \(id)") }
                table[Int(id)] = UInt32(index + 1)
            }
            return .dense(table)
        }
        var table: [UInt64: UInt32] = [:]
        table.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            guard id != 0 else { throw .invalid("found \(kind) with reserved ID=0") }
            guard table.updateValue(UInt32(index), forKey: id) == nil else {
                throw .invalid("multiple \(kind)s with same id: \(id)")
            }
        }
        return .sparse(table)
    }
}

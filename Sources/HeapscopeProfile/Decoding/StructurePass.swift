import Foundation

/// Accumulates a profile while decoding, in passes over the top level that
/// keep memory proportional to the input:
///
/// 0. walks every field once, checking the wire format and the reserved id 0
///    in file order, and counts each kind of record (and every location's
///    lines), so that every array is allocated once at its exact size;
/// 1. decodes the string table;
/// 2. decodes sample types, comments, mappings and functions, checking their
///    string indices and refusing a duplicate id (`IDIndex`);
/// 3. decodes locations with their mapping and function ids resolved.
///
/// No record is kept with unresolved ids; samples are decoded afterwards
/// (`decodeSamples`) with their location ids resolved to indices.
struct ProfileBuilder {
    var profile = Profile()
    private var counts = RecordCounts()
    private var timeSeen = false
    private var periodTypeIndices: (type: UInt64, unit: UInt64) = (0, 0)
    private var dropFramesIndex: UInt64 = 0
    private var keepFramesIndex: UInt64 = 0
    private var defaultSampleTypeIndex: UInt64 = 0
    private var docURLIndex: UInt64 = 0
    /// Whether pass 0 has met the string table's first entry.
    private var stringsSeen = false
    /// Location id -> index, for the samples.
    private(set) var locationIndex = IDIndex.sequential(first: 1, count: 0)

    private(set) var sampleCount = 0
    private(set) var locationReferenceCount = 0
    private(set) var labelCount = 0
    /// Where each run of `SampleRun.length` samples starts, so that pass 2
    /// can decode runs on several threads straight into their final place.
    private(set) var runs: [SampleRun] = []

    /// Decodes everything but the samples.
    mutating func decodeTopLevel(_ buffer: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        try countRecords(buffer)
        try decodeRecords(buffer)
    }

    /// Passes 1 to 3, once pass 0 (`countRecords`) has seen every byte of `buffer`.
    mutating func decodeRecords(_ buffer: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        profile.strings.reserveCapacity(count: counts.strings, byteCount: counts.stringBytes)
        profile.sampleTypes.reserveCapacity(counts.sampleTypes)
        profile.commentIndices.reserveCapacity(counts.comments)
        profile.mappings.reserveCapacity(counts.mappings.count)
        profile.mappingAddresses.reserveCapacity(counts.mappingAddresses)
        profile.functions.reserveCapacity(counts.functions.count)
        profile.locations.reserveCapacity(counts.locations.count)
        profile.lines.reserveCapacity(counts.lines)
        try decodeStrings(buffer)
        var mappingIndex = IDIndex(counts.mappings)
        var functionIndex = IDIndex(counts.functions)
        try decodeNamedRecords(buffer, mappingIndex: &mappingIndex, functionIndex: &functionIndex)
        try mappingIndex.finish(profile.mappings, kind: "mapping")
        try functionIndex.finish(profile.functions, kind: "function")
        var locations = IDIndex(counts.locations)
        try decodeLocations(buffer, mappingIndex: mappingIndex, functionIndex: functionIndex, locationIndex: &locations)
        try locations.finish(profile.locations, kind: "location")
        locationIndex = locations
    }

    // MARK: Pass 0: check and count

    /// Checks and counts the top-level fields from `start` to the end of
    /// `buffer`; called again from where it stopped while bytes are still
    /// arriving (`decodeOverlapped`).
    mutating func countRecords(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) throws(ProfileError) {
        var reader = WireReader(UnsafeBufferPointer(rebasing: buffer[start...]), origin: start, message: "Profile")
        while !reader.isAtEnd {
            let fieldStart = reader.absolutePosition
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1:
                var sub = try reader.readMessage(wireType, field: field, message: "Profile.sample_type")
                _ = try Self.parseValueType(&sub)
                counts.sampleTypes += 1
            case 2:
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
                let (mapping, _, addresses) = try Self.parseMapping(&sub)
                // Checked as the record is met, so that millions of empty
                // records fail at the first one.
                guard mapping.id != 0 else { throw .invalid("found mapping with reserved ID=0") }
                counts.mappings.add(mapping.id)
                if !addresses.isZero { counts.mappingAddresses += 1 }
            case 4:
                var sub = try reader.readMessage(wireType, field: field, message: "Location")
                var lines = 0
                let (location, _) = try Self.parseLocation(&sub) { _, _ in lines += 1 }
                counts.lines += lines
                guard counts.lines < Int(Int32.max) else { throw sub.error("too many lines") }
                guard location.id != 0 else { throw .invalid("found location with reserved ID=0") }
                counts.locations.add(location.id)
            case 5:
                var sub = try reader.readMessage(wireType, field: field, message: "Function")
                let (function, _) = try Self.parseFunction(&sub)
                guard function.id != 0 else { throw .invalid("found function with reserved ID=0") }
                counts.functions.add(function.id)
            case 6:
                try reader.expectLengthDelimited(wireType, field: field)
                let start = reader.absolutePosition
                let string = try reader.readLengthDelimited()
                if !stringsSeen {
                    stringsSeen = true
                    guard string.isAtEnd else {
                        throw .malformed(offset: start, message: "Profile.string_table", reason: "string_table[0] must be ''")
                    }
                    continue
                }
                guard counts.strings + 1 < Int(Int32.max) else {
                    throw .malformed(offset: start, message: "Profile.string_table", reason: "too many strings")
                }
                counts.strings += 1
                counts.stringBytes += string.remaining
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
                periodTypeIndices = try Self.parseValueType(&sub)
            case 12: profile.period = Int64(bitPattern: try reader.readUInt64(wireType, field: field))
            case 13: try reader.readRepeated(wireType, field: field) { _ in counts.comments += 1 }
            case 14: defaultSampleTypeIndex = try reader.readUInt64(wireType, field: field)
            case 15: docURLIndex = try reader.readUInt64(wireType, field: field)
            default: try reader.skip(wireType)
            }
        }
    }

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

    // MARK: Pass 1: strings

    private mutating func decodeStrings(_ buffer: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        var reader = WireReader(buffer, message: "Profile")
        var first = true
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            guard field == 6 else {
                try reader.skip(wireType)
                continue
            }
            let string = try reader.readBytes()
            if first {
                first = false
            } else {
                profile.strings.append(raw: string)
            }
        }
    }

    // MARK: Pass 2: records that name strings

    private func string(_ index: UInt64, _ what: @autoclosure () -> String) throws(ProfileError) -> String {
        profile.string(try checked(index, what()))
    }

    /// `index` as a string-table index, once it is checked to be one.
    private func checked(_ index: UInt64, _ what: @autoclosure () -> String) throws(ProfileError) -> Int32 {
        guard index < UInt64(profile.strings.count) else {
            throw .invalid("\(what()) refers to string \(index), but the string table has \(profile.strings.count) entries")
        }
        return Int32(index)
    }

    private mutating func decodeNamedRecords(
        _ buffer: UnsafeBufferPointer<UInt8>, mappingIndex: inout IDIndex, functionIndex: inout IDIndex
    ) throws(ProfileError) {
        var reader = WireReader(buffer, message: "Profile")
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1:
                var sub = try reader.readLengthDelimited()
                let (type, unit) = try Self.parseValueType(&sub)
                let i = profile.sampleTypes.count
                let typeIndex = try checked(type, "sample_type \(i) type")
                let unitIndex = try checked(unit, "sample_type \(i) unit")
                profile.sampleTypes.append(SampleType(typeIndex: typeIndex, unitIndex: unitIndex))
            case 3:
                var sub = try reader.readLengthDelimited()
                var (mapping, strings, addresses) = try Self.parseMapping(&sub)
                let id = mapping.id
                mapping.fileIndex = try checked(strings.file, "mapping id \(id) filename")
                mapping.buildIDIndex = try checked(strings.buildID, "mapping id \(id) build_id")
                mapping.addressIndex = profile.addressIndex(for: addresses)
                try mappingIndex.insert(id, index: profile.mappings.count, kind: "mapping")
                profile.mappings.append(mapping)
            case 5:
                var sub = try reader.readLengthDelimited()
                var (function, strings) = try Self.parseFunction(&sub)
                let id = function.id
                function.nameIndex = try checked(strings.name, "function id \(id) name")
                function.systemNameIndex = try checked(strings.systemName, "function id \(id) system_name")
                function.filenameIndex = try checked(strings.filename, "function id \(id) filename")
                try functionIndex.insert(id, index: profile.functions.count, kind: "function")
                profile.functions.append(function)
            case 13:
                var failure: ProfileError?
                try reader.readRepeated(wireType, field: field) { index in
                    guard failure == nil else { return }
                    do throws(ProfileError) {
                        profile.commentIndices.append(try checked(index, "comment"))
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            default:
                try reader.skip(wireType)
            }
        }
    }

    // MARK: Pass 3: locations

    private mutating func decodeLocations(
        _ buffer: UnsafeBufferPointer<UInt8>, mappingIndex: IDIndex, functionIndex: IDIndex, locationIndex: inout IDIndex
    ) throws(ProfileError) {
        var reader = WireReader(buffer, message: "Profile")
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            guard field == 4 else {
                try reader.skip(wireType)
                continue
            }
            var sub = try reader.readLengthDelimited()
            let lineStart = profile.lines.count
            var missingFunction: UInt64?
            var (location, mappingID) = try Self.parseLocation(&sub) { functionID, line in
                guard missingFunction == nil else { return }
                guard functionID != 0, let index = functionIndex.lookup(functionID, in: profile.functions) else {
                    missingFunction = functionID
                    return
                }
                var resolved = line
                resolved.function = Int32(index)
                profile.lines.append(resolved)
            }
            if let functionID = missingFunction {
                throw .invalid("location id: \(location.id) has a line with nil function (function id \(functionID) does not exist)")
            }
            // A dangling mapping id quietly means "no mapping", as in pprof.
            location.mapping = mappingID == 0 ? -1 : (mappingIndex.lookup(mappingID, in: profile.mappings).map(Int32.init) ?? -1)
            location.lineStart = Int32(lineStart)
            location.lineEnd = Int32(profile.lines.count)
            try locationIndex.insert(location.id, index: profile.locations.count, kind: "location")
            profile.locations.append(location)
        }
    }

    // MARK: Between the passes

    /// Resolves the profile's own string references (period type, frame
    /// patterns, default sample type, documentation URL).
    mutating func resolveReferences() throws(ProfileError) {
        profile.periodType = ValueType(
            type: try string(periodTypeIndices.type, "period_type type"),
            unit: try string(periodTypeIndices.unit, "period_type unit"))
        profile.dropFrames = try string(dropFramesIndex, "drop_frames")
        profile.keepFrames = try string(keepFramesIndex, "keep_frames")
        profile.defaultSampleType = try string(defaultSampleTypeIndex, "default_sample_type")
        profile.docURL = try string(docURLIndex, "doc_url")
    }
}

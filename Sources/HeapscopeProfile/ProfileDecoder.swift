import Foundation

/// Decodes pprof profiles (`profile.proto`, gzipped or raw) into `Profile`.
public enum ProfileDecoder {
    /// Reads and decodes the profile at `path`.
    public static func decode(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        var bytes = try readFile(path)
        guard !bytes.isEmpty else { throw .emptyInput }
        if Gzip.isGzip(bytes) {
            let raw = try Gzip.inflate(bytes, limit: options.maxDecompressedBytes)
            bytes = []  // release the compressed input before decoding
            guard !raw.isEmpty else { throw .emptyInput }
            return try decodeProtobuf(raw)
        }
        return try decodeUncompressed(bytes, options: options)
    }

    /// Decodes a profile from bytes: gzip is inflated first (bounded by
    /// `options.maxDecompressedBytes`), anything else is read as raw protobuf.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        guard !bytes.isEmpty else { throw .emptyInput }
        if Gzip.isGzip(bytes) {
            let raw = try Gzip.inflate(bytes, limit: options.maxDecompressedBytes)
            guard !raw.isEmpty else { throw .emptyInput }
            return try decodeProtobuf(raw)
        }
        return try decodeUncompressed(bytes, options: options)
    }

    private static func decodeUncompressed(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        guard bytes.count <= options.maxDecompressedBytes else {
            throw .decompressedSizeLimit(options.maxDecompressedBytes)
        }
        do {
            return try decodeProtobuf(bytes)
        } catch {
            if case .malformed = error, looksLikeText(bytes) {
                if bytes.starts(with: Array("heap profile:".utf8)) {
                    throw .notAProfile("this is the legacy text format (?debug=1); fetch /debug/pprof/heap without debug=1 for the protobuf format")
                }
                throw .notAProfile("the file is text, neither gzip nor protobuf")
            }
            throw error
        }
    }

    /// Reads a whole file into one buffer (no intermediate copy).
    static func readFile(_ path: String) throws(ProfileError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .notAProfile(openFailure(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .notAProfile(openFailure(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .notAProfile("is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .notAProfile(openFailure(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "cannot be read (permission denied)"
        case EISDIR: return "is a directory"
        default: return "cannot be read (\(String(cString: strerror(code))))"
        }
    }

    /// Decodes uncompressed protobuf bytes and validates the result.
    public static func decodeProtobuf(_ bytes: [UInt8]) throws(ProfileError) -> Profile {
        try decodeProtobuf(bytes, partitions: nil)
    }

    /// `partitions` forces how many parts pass 2 is split into (tests).
    static func decodeProtobuf(_ bytes: [UInt8], partitions: Int?) throws(ProfileError) -> Profile {
        var builder = ProfileBuilder()
        var failure: ProfileError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ProfileError) {
                try builder.decodeTopLevel(buffer)
                try builder.resolveReferences()
                try builder.decodeSamples(buffer, partitions: partitions)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        var profile = builder.profile
        try ProfileValidator.validate(&profile)
        return profile
    }

    /// True when the first bytes are printable text: such input is reported
    /// as "not a profile" instead of as a protobuf decoding error.
    package static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        let prefix = bytes.prefix(512)
        return prefix.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
    }
}

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
    private var denseLocationIndex: [UInt32] = []
    private var sparseLocationIndex: [UInt64: UInt32] = [:]

    // MARK: Pass 1

    mutating func decodeTopLevel(_ buffer: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        var reader = WireReader(buffer, message: "Profile")
        while !reader.isAtEnd {
            let fieldStart = reader.position
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1:
                try reader.expectLengthDelimited(wireType, field: field)
                var sub = try reader.readLengthDelimited(message: "Profile.sample_type")
                sampleTypeIndices.append(try decodeValueType(&sub))
            case 2:
                // Samples are decoded in pass 2, once locations are known;
                // here they are only counted, to size the arrays exactly.
                try reader.expectLengthDelimited(wireType, field: field)
                if sampleCount % SampleRun.length == 0 {
                    runs.append(SampleRun(offset: fieldStart, firstSample: sampleCount,
                                          firstLocation: locationReferenceCount, firstLabel: labelCount))
                }
                var sample = try reader.readLengthDelimited(message: "Sample", index: sampleCount)
                try countSample(&sample)
            case 3:
                try reader.expectLengthDelimited(wireType, field: field)
                var sub = try reader.readLengthDelimited(message: "Mapping")
                try decodeMapping(&sub)
            case 4:
                try reader.expectLengthDelimited(wireType, field: field)
                var sub = try reader.readLengthDelimited(message: "Location")
                try decodeLocation(&sub)
            case 5:
                try reader.expectLengthDelimited(wireType, field: field)
                var sub = try reader.readLengthDelimited(message: "Function")
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
                try reader.expectLengthDelimited(wireType, field: field)
                var sub = try reader.readLengthDelimited(message: "Profile.period_type")
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
                try reader.expectLengthDelimited(wireType, field: field)
                var sub = try reader.readLengthDelimited(message: "Line")
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
        profile.functions.append(function)
        functionStrings.append(strings)
    }

    private var sampleCount = 0
    private var locationReferenceCount = 0
    private var labelCount = 0
    /// Where each run of `SampleRun.length` samples starts, so that pass 2
    /// can decode runs on several cores straight into their final place.
    private var runs: [SampleRun] = []

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
            profile.sampleTypes.append(ValueType(
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
        case dense([UInt32])          // id -> index + 1, 0 = absent
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

    // MARK: Pass 2

    /// Decodes the samples into exactly sized arrays. Large profiles are
    /// split at sample runs and decoded on several cores, each part writing
    /// its own region of the arrays.
    mutating func decodeSamples(_ buffer: UnsafeBufferPointer<UInt8>, partitions: Int?) throws(ProfileError) {
        let typeCount = profile.sampleTypes.count
        let samples = sampleCount
        guard locationReferenceCount < Int(UInt32.max), labelCount < Int(UInt32.max),
              samples.multipliedReportingOverflow(by: max(typeCount, 1)).overflow == false else {
            throw .invalid("too many samples")
        }
        if samples > 0 && typeCount == 0 { throw .invalid("missing sample type information") }
        let wanted = partitions ?? (samples >= 65_536 ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1)
        let parts = max(1, min(wanted, runs.count))
        let starts = (0..<parts).map { runs.isEmpty ? SampleRun(offset: 0, firstSample: 0, firstLocation: 0, firstLabel: 0) : runs[$0 * runs.count / parts] }
        let ends = (0..<parts).map { part in
            part + 1 < parts ? starts[part + 1]
                : SampleRun(offset: buffer.count, firstSample: samples, firstLocation: locationReferenceCount, firstLabel: labelCount)
        }
        let tables = SampleTables(dense: denseLocationIndex, sparse: sparseLocationIndex,
                                  typeCount: typeCount, stringCount: UInt64(profile.strings.count))
        let outcome = PartOutcomes(count: parts)

        var locations: [UInt32] = [], values: [Int64] = [], labels: [Label] = []
        var locationStarts: [UInt32] = [], labelStarts: [UInt32] = []
        locations = [UInt32](unsafeUninitializedCapacity: locationReferenceCount) { locationBuffer, locationCount in
        values = [Int64](unsafeUninitializedCapacity: samples * typeCount) { valueBuffer, valueCount in
        labels = [Label](unsafeUninitializedCapacity: labelCount) { labelBuffer, labelCountOut in
        locationStarts = [UInt32](unsafeUninitializedCapacity: samples + 1) { locationStartBuffer, locationStartCount in
        labelStarts = [UInt32](unsafeUninitializedCapacity: samples + 1) { labelStartBuffer, labelStartCount in
            let output = SampleOutput(locations: locationBuffer, values: valueBuffer, labels: labelBuffer,
                                      locationStarts: locationStartBuffer, labelStarts: labelStartBuffer, input: buffer)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var writer = SampleWriter(tables: tables, output: output, start: starts[part], end: ends[part])
                do throws(ProfileError) {
                    try writer.decode()
                    outcome.set(part, .success(writer.keptLabels))
                } catch {
                    outcome.set(part, .failure(error))
                }
            }
            // Labels pprof drops were counted in pass 1: close the gaps.
            var labelEnd = 0
            if outcome.firstError == nil {
                for part in 0..<parts {
                    let kept = outcome.keptLabels(part)
                    let gap = starts[part].firstLabel - labelEnd
                    if gap > 0 {
                        for index in 0..<kept { labelBuffer[labelEnd + index] = labelBuffer[starts[part].firstLabel + index] }
                        for sample in starts[part].firstSample..<ends[part].firstSample {
                            labelStartBuffer[sample + 1] -= UInt32(gap)
                        }
                    }
                    labelEnd += kept
                }
                locationStartBuffer[0] = 0
                labelStartBuffer[0] = 0
            }
            let complete = outcome.firstError == nil
            locationCount = complete ? locationReferenceCount : 0
            valueCount = complete ? samples * typeCount : 0
            labelCountOut = complete ? labelEnd : 0
            locationStartCount = complete ? samples + 1 : 0
            labelStartCount = complete ? samples + 1 : 0
        }}}}}
        if let error = outcome.firstError { throw error }
        profile.sampleLocations = locations
        profile.sampleValues = values
        profile.labels = labels
        profile.sampleLocationStarts = locationStarts
        profile.sampleLabelStarts = labelStarts
    }
}

/// A run of samples found in pass 1: where its first sample's field starts
/// and how many samples, location references and labels come before it.
struct SampleRun {
    static let length = 4096
    var offset: Int
    var firstSample: Int
    var firstLocation: Int
    var firstLabel: Int
}

/// Read-only tables pass 2 resolves references with.
struct SampleTables {
    let dense: [UInt32]
    let sparse: [UInt64: UInt32]
    let typeCount: Int
    let stringCount: UInt64

    @inline(__always)
    func locationIndex(for id: UInt64) -> UInt32? {
        if id < UInt64(dense.count) {
            let slot = dense[Int(id)]
            return slot == 0 ? nil : slot - 1
        }
        return sparse[id]
    }
}

/// The final sample arrays, written by several parts at once. Unchecked
/// Sendable: each part writes only the region pass 1 counted for it.
struct SampleOutput: @unchecked Sendable {
    let locations: UnsafeMutableBufferPointer<UInt32>
    let values: UnsafeMutableBufferPointer<Int64>
    let labels: UnsafeMutableBufferPointer<Label>
    let locationStarts: UnsafeMutableBufferPointer<UInt32>
    let labelStarts: UnsafeMutableBufferPointer<UInt32>
    /// The decompressed profile, read by every part.
    let input: UnsafeBufferPointer<UInt8>
}

/// How each part of pass 2 ended.
private final class PartOutcomes: @unchecked Sendable {
    private var outcomes: [Result<Int, ProfileError>?]
    private let lock = NSLock()

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ part: Int, _ outcome: Result<Int, ProfileError>) {
        lock.lock(); defer { lock.unlock() }
        outcomes[part] = outcome
    }

    /// The error of the earliest failed part: the first in file order.
    var firstError: ProfileError? {
        lock.lock(); defer { lock.unlock() }
        for case .failure(let error)? in outcomes { return error }
        return nil
    }

    func keptLabels(_ part: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        if case .success(let kept)? = outcomes[part] { return kept }
        return 0
    }
}

/// Decodes one part's samples into its region of `SampleOutput`, checking
/// every write against the region pass 1 counted for it.
struct SampleWriter {
    let tables: SampleTables
    let output: SampleOutput
    let start: SampleRun
    let end: SampleRun
    private(set) var keptLabels = 0

    init(tables: SampleTables, output: SampleOutput, start: SampleRun, end: SampleRun) {
        self.tables = tables
        self.output = output
        self.start = start
        self.end = end
    }

    mutating func decode() throws(ProfileError) {
        let buffer = output.input
        let typeCount = tables.typeCount
        let stringCount = tables.stringCount
        var reader = WireReader(UnsafeBufferPointer(rebasing: buffer[start.offset...]), origin: start.offset, message: "Profile")
        var sampleIndex = start.firstSample
        var location = start.firstLocation
        var labelSlot = start.firstLabel
        while sampleIndex < end.firstSample && !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            guard field == 2 else {
                try reader.skip(wireType)
                continue
            }
            var sample = try reader.readLengthDelimited(message: "Sample", index: sampleIndex)
            var valueCount = 0
            let valueBase = sampleIndex * typeCount
            while !sample.isAtEnd {
                let (sampleField, sampleWireType) = try sample.readKey()
                switch sampleField {
                case 1:
                    try sample.readRepeated(sampleWireType, field: sampleField) { (id: UInt64) throws(ProfileError) in
                        guard let index = tables.locationIndex(for: id) else {
                            throw .invalid("sample \(sampleIndex) has nil location (location id \(id) does not exist)")
                        }
                        guard location < end.firstLocation else { throw .invalid("sample \(sampleIndex) changed between passes") }
                        output.locations[location] = index
                        location += 1
                    }
                case 2:
                    try sample.readRepeated(sampleWireType, field: sampleField) { (value: UInt64) throws(ProfileError) in
                        if valueCount < typeCount { output.values[valueBase + valueCount] = Int64(bitPattern: value) }
                        valueCount += 1
                    }
                case 3:
                    try sample.expectLengthDelimited(sampleWireType, field: sampleField)
                    var labelReader = try sample.readLengthDelimited(message: "Label of sample", index: sampleIndex)
                    var key: UInt64 = 0, str: UInt64 = 0, num: UInt64 = 0, unit: UInt64 = 0
                    while !labelReader.isAtEnd {
                        let (labelField, labelWireType) = try labelReader.readKey()
                        switch labelField {
                        case 1: key = try labelReader.readUInt64(labelWireType, field: labelField)
                        case 2: str = try labelReader.readUInt64(labelWireType, field: labelField)
                        case 3: num = try labelReader.readUInt64(labelWireType, field: labelField)
                        case 4: unit = try labelReader.readUInt64(labelWireType, field: labelField)
                        default: try labelReader.skip(labelWireType)
                        }
                    }
                    guard key < stringCount, str < stringCount, unit < stringCount else {
                        throw .invalid("a label of sample \(sampleIndex) refers to a string past the end of the string table (\(stringCount) entries)")
                    }
                    // pprof keeps a label only if it has a string or a number or unit.
                    if str != 0 || num != 0 || unit != 0 {
                        guard labelSlot < end.firstLabel else { throw .invalid("sample \(sampleIndex) changed between passes") }
                        output.labels[labelSlot] = Label(key: Int32(key), str: Int32(str), num: Int64(bitPattern: num), numUnit: Int32(unit))
                        labelSlot += 1
                        keptLabels += 1
                    }
                default:
                    try sample.skip(sampleWireType)
                }
            }
            guard valueCount == typeCount else {
                throw .invalid("mismatch: sample \(sampleIndex) has \(valueCount) values vs. \(typeCount) types")
            }
            output.locationStarts[sampleIndex + 1] = UInt32(location)
            output.labelStarts[sampleIndex + 1] = UInt32(labelSlot)
            sampleIndex += 1
        }
        guard sampleIndex == end.firstSample, location == end.firstLocation else {
            throw .invalid("samples changed between passes")
        }
    }
}

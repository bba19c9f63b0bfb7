import Foundation

/// Encodes a `Profile` as `profile.proto`: the writing counterpart of
/// `ProfileDecoder`, field numbers as in pprof's profile.proto. Record ids
/// are renumbered 1…n in array order; the string table keeps the profile's
/// strings (so label indices stay valid) and appends the other names.
public enum ProfileEncoder {
    /// The profile as uncompressed protobuf bytes.
    public static func encode(_ profile: Profile) -> [UInt8] {
        encodeSamples(profile, 0..<profile.sampleCount) + encodeTables(profile)
    }

    /// The profile as gzipped protobuf, the form `go tool pprof` writes.
    /// Large profiles are encoded and compressed in parts on all cores, each
    /// part one gzip member (gzip readers, Go's included, read them in turn).
    public static func encodeGzipped(_ profile: Profile) throws(ProfileError) -> [UInt8] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return try encodeGzipped(profile, parts: max(1, min(2 * cores, profile.sampleCount / 65_536)))
    }

    /// `parts` forces how many sample parts are compressed apart (tests).
    static func encodeGzipped(_ profile: Profile, parts: Int) throws(ProfileError) -> [UInt8] {
        let partCount = max(1, parts)
        let bounds = (0...partCount).map { profile.sampleCount * $0 / partCount }
        let results = EncodedParts(count: partCount + 1)
        DispatchQueue.concurrentPerform(iterations: partCount + 1) { part in
            let bytes = part < partCount ? encodeSamples(profile, bounds[part]..<bounds[part + 1]) : encodeTables(profile)
            do throws(ProfileError) {
                results.set(part, .success(try Gzip.deflate(bytes)))
            } catch {
                results.set(part, .failure(error))
            }
        }
        return try results.joined()
    }

    /// Field 2: the samples in `range`.
    private static func encodeSamples(_ profile: Profile, _ range: Range<Int>) -> [UInt8] {
        let typeCount = profile.sampleTypes.count
        let locationCount =
            range.isEmpty ? 0 : Int(profile.sampleLocationStarts[range.upperBound] - profile.sampleLocationStarts[range.lowerBound])
        var out = WireWriter(capacity: locationCount * 2 + range.count * (typeCount * 3 + 12))
        switch profile.sampleLocations.form {
        case .narrow(let stacks): stacks.withUnsafeBufferPointer { encode(profile, range, stacks: $0, into: &out) }
        case .wide(let stacks): stacks.withUnsafeBufferPointer { encode(profile, range, stacks: $0, into: &out) }
        }
        return out.bytes
    }

    /// Appends the samples in `range`, whose stacks are `stacks`, to `out`.
    private static func encode<Index: FixedWidthInteger>(
        _ profile: Profile, _ range: Range<Int>, stacks: UnsafeBufferPointer<Index>, into out: inout WireWriter
    ) {
        let typeCount = profile.sampleTypes.count
        var scratch = WireWriter(capacity: 256)
        var inner = WireWriter(capacity: 64)
        // Raw buffers: no reference counting per sample.
        profile.sampleValues.withUnsafeBufferPointer { sampleValues in
            profile.labels.withUnsafeBufferPointer { labels in
                for sample in range {
                    let stack = UnsafeBufferPointer(
                        rebasing: stacks[Int(profile.sampleLocationStarts[sample])..<Int(profile.sampleLocationStarts[sample + 1])])
                    let values = UnsafeBufferPointer(rebasing: sampleValues[(sample * typeCount)..<((sample + 1) * typeCount)])
                    let sampleLabels = UnsafeBufferPointer(
                        rebasing: labels[Int(profile.sampleLabelStarts[sample])..<Int(profile.sampleLabelStarts[sample + 1])])
                    out.message(2, scratch: &scratch) { body in
                        body.packed(1, stack.lazy.map { UInt64($0) + 1 })
                        body.packed(2, values.lazy.map { UInt64(bitPattern: $0) })
                        for label in sampleLabels {
                            body.message(3, scratch: &inner) { writeLabel(label, to: &$0) }
                        }
                    }
                }
            }
        }
    }

    /// Every field but the samples: sample types, mappings, locations,
    /// functions, the string table and the header fields.
    private static func encodeTables(_ profile: Profile) -> [UInt8] {
        var strings = OutputStrings(profile.strings)
        var out = WireWriter(capacity: profile.locations.count * 16 + profile.functions.count * 16 + 1024)
        var scratch = WireWriter(capacity: 256)
        var inner = WireWriter(capacity: 64)
        for index in profile.sampleTypes.indices {
            out.message(1, scratch: &scratch) { writeValueType(profile.sampleType(index), strings: &strings, to: &$0) }
        }
        for (index, mapping) in profile.mappings.enumerated() {
            out.message(3, scratch: &scratch) {
                writeMapping(profile.details(of: mapping), id: index + 1, strings: &strings, to: &$0)
            }
        }
        for (index, location) in profile.locations.enumerated() {
            out.message(4, scratch: &scratch) { body in
                body.field(1, UInt64(index + 1))
                if location.mapping >= 0 { body.field(2, UInt64(location.mapping) + 1) }
                body.field(3, location.address)
                for line in profile.lines(of: location) {
                    body.message(4, scratch: &inner) { lineBody in
                        lineBody.field(1, UInt64(line.function) + 1)
                        lineBody.field(2, line.line)
                        lineBody.field(3, line.column)
                    }
                }
                body.field(5, location.isFolded)
            }
        }
        for (index, function) in profile.functions.enumerated() {
            out.message(5, scratch: &scratch) { body in
                body.field(1, UInt64(index + 1))
                body.field(2, strings.index(profile.name(of: function)))
                body.field(3, strings.index(profile.systemName(of: function)))
                body.field(4, strings.index(profile.filename(of: function)))
                body.field(5, function.startLine)
            }
        }
        let header = encodeHeader(profile, strings: &strings, scratch: &scratch)
        for string in strings.strings {
            out.field(6, bytes: string.utf8)
        }
        return out.bytes + header
    }

    /// Fields 7–15. Built before the string table is written, since they
    /// may add strings; written after it (field order does not matter).
    private static func encodeHeader(_ profile: Profile, strings: inout OutputStrings, scratch: inout WireWriter) -> [UInt8] {
        var out = WireWriter(capacity: 128)
        out.field(7, strings.index(profile.dropFrames))
        out.field(8, strings.index(profile.keepFrames))
        out.field(9, profile.timeNanos)
        out.field(10, profile.durationNanos)
        if !profile.periodType.type.isEmpty || !profile.periodType.unit.isEmpty {
            out.message(11, scratch: &scratch) { writeValueType(profile.periodType, strings: &strings, to: &$0) }
        }
        out.field(12, profile.period)
        out.packed(13, profile.comments.map { strings.index($0) })
        out.field(14, strings.index(profile.defaultSampleType))
        out.field(15, strings.index(profile.docURL))
        return out.bytes
    }

    private static func writeValueType(_ type: ValueType, strings: inout OutputStrings, to body: inout WireWriter) {
        body.field(1, strings.index(type.type))
        body.field(2, strings.index(type.unit))
    }

    private static func writeLabel(_ label: Label, to body: inout WireWriter) {
        body.field(1, UInt64(max(label.key, 0)))
        if label.isString {
            body.field(2, UInt64(max(label.str, 0)))
        } else {
            body.field(3, label.num)
            body.field(4, UInt64(max(label.numUnit, 0)))
        }
    }

    private static func writeMapping(_ mapping: MappingDetails, id: Int, strings: inout OutputStrings, to body: inout WireWriter) {
        body.field(1, UInt64(id))
        body.field(2, mapping.memoryStart)
        body.field(3, mapping.memoryLimit)
        body.field(4, mapping.fileOffset)
        body.field(5, strings.index(mapping.file))
        body.field(6, strings.index(mapping.buildID))
        body.field(7, mapping.hasFunctions)
        body.field(8, mapping.hasFilenames)
        body.field(9, mapping.hasLineNumbers)
        body.field(10, mapping.hasInlineFrames)
    }
}

/// The string table being written: the profile's own strings first, then
/// every other string once.
private struct OutputStrings {
    private(set) var strings: [String]
    private var indices: [String: UInt64] = [:]

    init(_ initial: StringTable) {
        strings = initial.isEmpty ? [""] : Array(initial)
        for (index, string) in strings.enumerated().reversed() { indices[string] = UInt64(index) }
    }

    mutating func index(_ string: String) -> UInt64 {
        if string.isEmpty { return 0 }
        if let known = indices[string] { return known }
        let index = UInt64(strings.count)
        strings.append(string)
        indices[string] = index
        return index
    }
}

/// The gzipped parts of a profile, filled in from several threads.
private final class EncodedParts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [Result<[UInt8], ProfileError>?]

    init(count: Int) {
        parts = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<[UInt8], ProfileError>) {
        lock.withLock { parts[index] = result }
    }

    /// The parts in order, or the first part's error.
    func joined() throws(ProfileError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lock.withLock { parts.reduce(0) { $0 + ((try? $1?.get())?.count ?? 0) } })
        for part in lock.withLock({ parts }) {
            switch part {
            case .success(let bytes): out.append(contentsOf: bytes)
            case .failure(let error): throw error
            case nil: throw .compression("a part was not compressed")
            }
        }
        return out
    }
}

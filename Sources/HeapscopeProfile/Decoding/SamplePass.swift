import Foundation
import Synchronization

extension ProfileBuilder {
    /// Decodes the samples into exactly sized arrays. Large profiles are
    /// split at sample runs and decoded on up to `maxConcurrency` threads,
    /// each part writing its own region of the arrays. With `releasing`,
    /// each part gives the bytes it has decoded back to the system as it goes.
    mutating func decodeSamples(
        _ buffer: UnsafeBufferPointer<UInt8>, maxConcurrency: Int, partitions: Int?, releasing: InflatedBuffer? = nil
    ) throws(ProfileError) {
        let typeCount = profile.sampleTypes.count
        let samples = sampleCount
        guard locationReferenceCount < Int(UInt32.max), labelCount < Int(UInt32.max),
            samples.multipliedReportingOverflow(by: max(typeCount, 1)).overflow == false
        else {
            throw .invalid("too many samples")
        }
        if samples > 0 && typeCount == 0 { throw .invalid("missing sample type information") }
        let wanted = partitions ?? (samples >= 65_536 ? maxConcurrency : 1)
        let parts = max(1, min(wanted, runs.count))
        let starts = (0..<parts).map {
            runs.isEmpty ? SampleRun(offset: 0, firstSample: 0, firstLocation: 0, firstLabel: 0) : runs[$0 * runs.count / parts]
        }
        let ends = (0..<parts).map { part in
            part + 1 < parts
                ? starts[part + 1]
                : SampleRun(offset: buffer.count, firstSample: samples, firstLocation: locationReferenceCount, firstLabel: labelCount)
        }
        let tables = SampleTables(
            locationIndex: locationIndex, locations: profile.locations,
            typeCount: typeCount, stringCount: UInt64(profile.strings.count))
        let sizes = SampleArrays.Sizes(
            samples: samples, typeCount: typeCount, locations: locationReferenceCount, labels: labelCount,
            narrow: LocationIndices.fitNarrow(locationCount: profile.locations.count))
        var failure: ProfileError?
        let arrays = SampleArrays(sizes: sizes, input: buffer) { output in
            let outcomes = Mutex([Result<Int, ProfileError>?](repeating: nil, count: parts))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var writer = SampleWriter(tables: tables, output: output, start: starts[part], end: ends[part], releasing: releasing)
                do throws(ProfileError) {
                    try writer.decode()
                    let kept = writer.keptLabels
                    outcomes.withLock { $0[part] = .success(kept) }
                } catch {
                    outcomes.withLock { $0[part] = .failure(error) }
                }
            }
            // The error of the earliest failed part is the first in file order.
            var keptLabels: [Int] = []
            for outcome in outcomes.withLock({ $0 }) {
                switch outcome {
                case .success(let kept)?: keptLabels.append(kept)
                case .failure(let error)?:
                    failure = error
                    return nil
                case nil: keptLabels.append(0)
                }
            }
            return output.closeLabelGaps(starts: starts, ends: ends, keptLabels: keptLabels)
        }
        if let failure { throw failure }
        profile.sampleLocations = arrays.locations
        profile.sampleValues = arrays.values
        profile.labels = arrays.labels
        profile.sampleLocationStarts = arrays.locationStarts
        profile.sampleLabelStarts = arrays.labelStarts
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
    let locationIndex: IDIndex
    let locations: [Location]
    let typeCount: Int
    let stringCount: UInt64

    /// The first id and the count when the location ids follow each other
    /// (Go numbers them 1, 2, 3…): an index is then a subtraction.
    var sequentialLocations: (first: UInt64, count: UInt64)? {
        guard case .sequential(let first, let count) = locationIndex else { return nil }
        return (first, UInt64(count))
    }

    @inline(__always)
    func locationIndex(for id: UInt64) -> UInt32? {
        locationIndex.lookup(id, in: locations).map { UInt32(truncatingIfNeeded: $0) }
    }
}

/// Decodes one part's samples into its region of `SampleOutput`, checking
/// every write against the region pass 1 counted for it.
struct SampleWriter {
    let tables: SampleTables
    let output: SampleOutput
    let start: SampleRun
    let end: SampleRun
    /// The buffer the decoded bytes are released from, if any.
    let releasing: InflatedBuffer?
    private(set) var keptLabels = 0
    /// Release decoded bytes once this many have built up.
    private static let releaseStep = 1 << 20

    init(tables: SampleTables, output: SampleOutput, start: SampleRun, end: SampleRun, releasing: InflatedBuffer? = nil) {
        self.tables = tables
        self.output = output
        self.start = start
        self.end = end
        self.releasing = releasing
    }

    mutating func decode() throws(ProfileError) {
        if output.wideLocations.isEmpty {
            try decode(into: output.narrowLocations)
        } else {
            try decode(into: output.wideLocations)
        }
    }

    /// `decode()` writing the location indices as `Index`, which every
    /// index fits (`SampleArrays.Sizes.narrow`).
    private mutating func decode<Index: FixedWidthInteger>(into locations: UnsafeMutableBufferPointer<Index>) throws(ProfileError) {
        let buffer = output.input
        let typeCount = tables.typeCount
        let stringCount = tables.stringCount
        var reader = WireReader(UnsafeBufferPointer(rebasing: buffer[start.offset...]), origin: start.offset, message: "Profile")
        var sampleIndex = start.firstSample
        var location = start.firstLocation
        var labelSlot = start.firstLabel
        var released = start.offset
        let sequential = tables.sequentialLocations
        let locationEnd = end.firstLocation
        while sampleIndex < end.firstSample && !reader.isAtEnd {
            if let releasing, reader.absolutePosition - released >= Self.releaseStep {
                releasing.release(released..<reader.absolutePosition)
                released = reader.absolutePosition
            }
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
                case 1 where sampleWireType == .lengthDelimited:
                    // The hottest loop: no closure, two-byte ids read inline.
                    var packed = try sample.readLengthDelimited()
                    while !packed.isAtEnd {
                        let index = try locationIndex(try packed.readShortVarint(), sequential: sequential, sample: sampleIndex)
                        guard location < locationEnd else { throw .invalid("sample \(sampleIndex) changed between passes") }
                        locations[location] = Index(truncatingIfNeeded: index)
                        location += 1
                    }
                case 1:
                    let index = try locationIndex(
                        try sample.readUInt64(sampleWireType, field: sampleField), sequential: sequential, sample: sampleIndex)
                    guard location < locationEnd else { throw .invalid("sample \(sampleIndex) changed between passes") }
                    locations[location] = Index(truncatingIfNeeded: index)
                    location += 1
                case 2:
                    try sample.readRepeated(sampleWireType, field: sampleField) { (value: UInt64) throws(ProfileError) in
                        if valueCount < typeCount { output.values[valueBase + valueCount] = Int64(bitPattern: value) }
                        valueCount += 1
                    }
                case 3:
                    var labelReader = try sample.readMessage(
                        sampleWireType, field: sampleField, message: "Label of sample", index: sampleIndex)
                    var key: UInt64 = 0
                    var str: UInt64 = 0
                    var num: UInt64 = 0
                    var unit: UInt64 = 0
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
                        throw .invalid(
                            "a label of sample \(sampleIndex) refers to a string past the end of the string table (\(stringCount) entries)")
                    }
                    // pprof keeps a label only if it has a string or a number or unit.
                    if str != 0 || num != 0 || unit != 0 {
                        guard labelSlot < end.firstLabel else { throw .invalid("sample \(sampleIndex) changed between passes") }
                        output.labels[labelSlot] = Label(
                            key: Int32(key), str: Int32(str), num: Int64(bitPattern: num), numUnit: Int32(unit))
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

    /// The index of the location `id` names in sample `sample`.
    @inline(__always)
    private func locationIndex(
        _ id: UInt64, sequential: (first: UInt64, count: UInt64)?, sample: Int
    ) throws(ProfileError) -> UInt32 {
        if let sequential, id >= sequential.first, id &- sequential.first < sequential.count {
            return UInt32(truncatingIfNeeded: id &- sequential.first)
        }
        guard let index = tables.locationIndex(for: id) else {
            throw .invalid("sample \(sample) has nil location (location id \(id) does not exist)")
        }
        return index
    }
}

/// A decoded pprof profile in a compact, flat layout: one array per kind of
/// record, cross references as indices into those arrays, and the samples
/// stored column-wise (no object per sample).
public struct Profile: Sendable {
    /// The protobuf string table; labels refer to it by index.
    public var strings: StringTable = [""]
    /// One entry per value column of every sample (string-table indices;
    /// `sampleType(_:)` gives the names).
    public var sampleTypes: [SampleType] = []
    /// The sample type to show by default ("" when the profile names none).
    public var defaultSampleType: String = ""
    /// The binaries the addresses belong to (`Location.mapping` indexes this).
    public var mappings: [Mapping] = []
    /// The addresses of the mappings that have any (`Mapping.addressIndex`).
    public var mappingAddresses: [MappingAddresses] = []
    /// The functions the lines name (`Line.function` indexes this).
    public var functions: [Function] = []
    /// The stack frames samples refer to (`sampleLocations` indexes this).
    public var locations: [Location] = []
    /// The lines of all locations, each location owning a contiguous range.
    public var lines: [Line] = []

    /// `sampleLocationStarts[i]..<sampleLocationStarts[i+1]` is the range of
    /// sample `i`'s stack in `sampleLocations`, leaf first.
    public var sampleLocationStarts: [UInt32] = [0]
    /// Location indices (into `locations`) of all sample stacks, leaf
    /// first; 16 bits each when the locations allow.
    public var sampleLocations = LocationIndices()
    /// Sample values, `sampleTypes.count` per sample.
    public var sampleValues: [Int64] = []
    /// `sampleLabelStarts[i]..<sampleLabelStarts[i+1]` is sample `i`'s labels.
    public var sampleLabelStarts: [UInt32] = [0]
    /// The labels of all samples, each sample owning a contiguous range.
    public var labels: [Label] = []

    /// Regular expression of frames pprof drops from the leaf end of stacks.
    public var dropFrames: String = ""
    /// Regular expression of frames `dropFrames` keeps.
    public var keepFrames: String = ""
    /// Collection time in nanoseconds since the epoch (0 when unknown).
    public var timeNanos: Int64 = 0
    /// How long the profile covers, in nanoseconds (0 when unknown).
    public var durationNanos: Int64 = 0
    /// The kind of event between samples, e.g. `space`/`bytes` for heap profiles.
    public var periodType = ValueType(type: "", unit: "")
    /// The sampling period in `periodType` units (Go's MemProfileRate).
    public var period: Int64 = 0
    /// The comments' string-table indices (4 bytes a comment, however many
    /// refer to the same string).
    public var commentIndices: [Int32] = []
    /// Free-form comments the producer wrote. Setting them adds them to the
    /// string table.
    public var comments: [String] {
        get { commentIndices.map { string($0) } }
        set {
            var cache: [String: Int32] = [:]
            commentIndices = newValue.map { intern($0, cache: &cache) }
        }
    }
    /// A URL documenting the profile's sample types.
    public var docURL: String = ""
    /// The `# runtime.MemStats` block of a Go legacy heap text profile, in
    /// file order (empty for every other format).
    public var runtimeStats: [RuntimeStat] = []
    /// The samples whose stacks the runtime cut at its depth limit.
    public var truncation = StackTruncation()

    /// An empty profile.
    public init() {}

    /// The number of samples.
    public var sampleCount: Int { sampleLocationStarts.count - 1 }

    /// Sample `sample`'s location indices, leaf first.
    @inlinable
    public func stack(ofSample sample: Int) -> LocationIndices.SubSequence {
        sampleLocations[Int(sampleLocationStarts[sample])..<Int(sampleLocationStarts[sample + 1])]
    }

    /// Sample `sample`'s value in column `index`.
    @inlinable
    public func value(ofSample sample: Int, index: Int) -> Int64 {
        sampleValues[sample &* sampleTypes.count &+ index]
    }

    /// Sample `sample`'s labels.
    @inlinable
    public func labels(ofSample sample: Int) -> ArraySlice<Label> {
        labels[Int(sampleLabelStarts[sample])..<Int(sampleLabelStarts[sample + 1])]
    }

    /// Location `location`'s lines, innermost (inlined) first, caller last.
    @inlinable
    public func lines(of location: Location) -> ArraySlice<Line> {
        lines[Int(location.lineStart)..<Int(location.lineEnd)]
    }

    /// The main binary's mapping (`mapping[0]`), if any.
    public var mainMapping: Mapping? { mappings.first }

    /// The string at `index` of the string table ("" when out of range).
    @inlinable
    public func string(_ index: Int32) -> String {
        index >= 0 && Int(index) < strings.count ? strings[Int(index)] : ""
    }

    /// Appends a sample. Used to build profiles (merge, diff, tests).
    public mutating func appendSample<L: Collection, V: Collection, B: Collection>(
        locations stack: L, values: V, labels sampleLabels: B
    ) where L.Element == UInt32, V.Element == Int64, B.Element == Label {
        sampleLocations.append(contentsOf: stack)
        sampleLocationStarts.append(UInt32(truncatingIfNeeded: sampleLocations.count))
        sampleValues.append(contentsOf: values)
        labels.append(contentsOf: sampleLabels)
        sampleLabelStarts.append(UInt32(truncatingIfNeeded: labels.count))
    }

    /// Interns `string`, returning its string-table index.
    public mutating func intern(_ string: String, cache: inout [String: Int32]) -> Int32 {
        if string.isEmpty { return 0 }
        if let index = cache[string] { return index }
        let index = Int32(truncatingIfNeeded: strings.count)
        strings.append(string)
        cache[string] = index
        return index
    }
}

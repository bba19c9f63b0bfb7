/// Builds a `Profile` from the stacks of a legacy profile the way pprof's
/// legacy parsers do: one location per distinct address (in order of first
/// use), one function per distinct name and file, and pprof's fake mapping
/// (id 1, covering every address) for locations that have an address.
struct LegacyProfileBuilder {
    /// One frame of a symbolized stack, as a `#` comment names it.
    struct Frame: Hashable {
        var name: String
        var file: String
        var line: Int64
    }

    private(set) var profile = Profile()
    private var locationByKey: [[UInt64]: UInt32] = [:]
    private var functionByKey: [Frame: Int32] = [:]
    private var stringCache: [String: Int32] = [:]

    init(sampleTypes: [ValueType], periodType: ValueType, period: Int64) {
        for type in sampleTypes { profile.appendSampleType(type, cache: &stringCache) }
        profile.periodType = periodType
        profile.period = period
    }

    /// Sets the sampling period (read from an attribute after the header).
    mutating func setPeriod(_ period: Int64) {
        profile.period = period
    }

    /// The location for `address` with no symbols (pprof without a binary).
    mutating func location(address: UInt64) -> UInt32 {
        location(key: [address], address: address, frames: [])
    }

    /// The location for a group of addresses whose frames (innermost first;
    /// several when calls were inlined) the profile names. `address` is the
    /// location's address.
    mutating func location(key: [UInt64], address: UInt64, frames: [Frame]) -> UInt32 {
        if let existing = locationByKey[key] { return existing }
        let lineStart = Int32(truncatingIfNeeded: profile.lines.count)
        for frame in frames {
            profile.lines.append(Line(function: function(for: frame), line: frame.line))
        }
        let index = UInt32(truncatingIfNeeded: profile.locations.count)
        profile.locations.append(
            Location(
                id: UInt64(index) + 1, mapping: address == 0 ? -1 : 0, address: address,
                lineStart: lineStart, lineEnd: Int32(truncatingIfNeeded: profile.lines.count)))
        locationByKey[key] = index
        return index
    }

    private mutating func function(for frame: Frame) -> Int32 {
        if let existing = functionByKey[frame.withoutLine] { return existing }
        let index = profile.appendFunction(
            id: UInt64(profile.functions.count) + 1, name: frame.name, systemName: frame.name, filename: frame.file,
            cache: &stringCache)
        functionByKey[frame.withoutLine] = index
        return index
    }

    /// Appends a sample whose numeric labels are `numericLabels` (key, value).
    mutating func addSample(stack: [UInt32], values: [Int64], numericLabels: [(String, Int64)] = []) {
        let labels = numericLabels.map { key, value in
            Label(key: profile.intern(key, cache: &stringCache), num: value)
        }
        profile.appendSample(locations: stack, values: values, labels: labels)
    }

    /// Adds the same value to the last sample's column `index` (thread
    /// profiles count "same as previous" stacks this way).
    mutating func addToLastSample(_ value: Int64, index: Int) -> Bool {
        guard profile.sampleCount > 0 else { return false }
        profile.sampleValues[(profile.sampleCount - 1) * profile.sampleTypes.count + index] += value
        return true
    }

    /// The finished profile: pprof's fake mapping is added when a location
    /// has an address. `symbolized` marks it as having functions and lines.
    func finish(mappings: [MappingDetails] = [], symbolized: Bool = false) -> Profile {
        var result = profile
        var cache = stringCache
        let needsMapping = result.locations.contains { $0.address != 0 }
        if !mappings.isEmpty {
            for mapping in assignMappings(mappings, in: &result) { result.appendMapping(mapping, cache: &cache) }
        } else if needsMapping {
            result.appendMapping(
                MappingDetails(
                    id: 1, memoryLimit: UInt64.max, hasFunctions: symbolized,
                    hasFilenames: symbolized, hasLineNumbers: symbolized, hasInlineFrames: symbolized),
                cache: &cache)
        }
        return result
    }

    /// pprof's `remapMappingIDs`: each location goes to the mapping that
    /// covers its address, else to a fake mapping appended at the end.
    /// Returns the mappings to store, a fake one included when needed.
    private func assignMappings(_ input: [MappingDetails], in result: inout Profile) -> [MappingDetails] {
        var mappings = input
        var fake: Int32?
        for index in result.locations.indices {
            let address = result.locations[index].address
            guard address != 0 else { continue }
            if let covering = mappings.firstIndex(where: { $0.memoryStart <= address && address < $0.memoryLimit }) {
                result.locations[index].mapping = Int32(covering)
                continue
            }
            if fake == nil {
                fake = Int32(mappings.count)
                mappings.append(MappingDetails(id: UInt64(mappings.count) + 1, memoryLimit: UInt64.max))
            }
            result.locations[index].mapping = fake ?? -1
        }
        for index in mappings.indices { mappings[index].id = UInt64(index) + 1 }
        return mappings
    }
}

extension LegacyProfileBuilder.Frame {
    /// The function part of a frame (name and file; the line belongs to the location).
    fileprivate var withoutLine: Self { Self(name: name, file: file, line: 0) }
}

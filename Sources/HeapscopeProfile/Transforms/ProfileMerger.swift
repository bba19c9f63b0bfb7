/// Merges profiles as pprof does when given several files: functions,
/// locations and mappings are unified by content, identical samples (same
/// stack and labels) are summed, and all-zero samples are dropped.
public enum ProfileMerger {
    /// Merges `profiles`; they must have the same sample and period types.
    /// A single profile is returned as it is.
    public static func merge(_ profiles: [Profile]) throws(ProfileError) -> Profile {
        var accumulator = ProfileAccumulator()
        for profile in profiles { try accumulator.add(profile) }
        return try accumulator.finish()
    }

    /// What go tool pprof makes of a single input, which it merges too:
    /// identical samples summed and all-zero samples dropped. Only views that
    /// show samples one by one (traces) need it.
    public static func mergedSamples(of profile: Profile) throws(ProfileError) -> Profile {
        var merged = profile
        try mergeIdenticalSamples(&merged)
        return merged
    }

    /// pprof's `Compact`: `profile` merged with itself alone, so samples
    /// with the same stack and labels are summed and all-zero ones dropped.
    public static func compact(_ profile: Profile) -> Profile {
        var merger = Merger(header: profile)
        merger.add(profile, as: .unchanged)
        return merger.finish()
    }

    /// Throws unless `a` and `b` have the same period type and sample types.
    public static func checkCompatible(_ a: Profile, _ b: Profile) throws(ProfileError) {
        if a.periodType != b.periodType {
            throw .incompatible("incompatible period types \(describe(a.periodType)) and \(describe(b.periodType))")
        }
        // Compared one type at a time: a profile may declare millions.
        let left = a.sampleTypes.indices.lazy.map(a.sampleType)
        let right = b.sampleTypes.indices.lazy.map(b.sampleType)
        if !left.elementsEqual(right) {
            let names = (left.map(describe).joined(separator: " "), right.map(describe).joined(separator: " "))
            throw .incompatible("incompatible sample types [\(names.0)] and [\(names.1)]")
        }
    }

    static func describe(_ type: ValueType) -> String { "\(type.type)/\(type.unit)" }
}

/// Unifies records by content and sums samples with the same key, keeping
/// every sample in flat arrays: the key (remapped stack plus the labels in a
/// canonical order) is hashed once and compared in place, with no boxed key
/// per sample.
struct Merger {
    var result = Profile()
    var stringCache: [String: Int32] = [:]
    var mappingIndex: [MappingDetails: Int32] = [:]
    var functionIndex: [FunctionKey: Int32] = [:]
    var locationIndex: [LocationKey: UInt32] = [:]
    var samples: SampleTable
    var concatenation = SampleConcatenation()

    /// A function's content, names resolved.
    struct FunctionKey: Hashable {
        let name, systemName, filename: String
        let startLine: Int64

        init(_ profile: Profile, _ function: Function) {
            name = profile.name(of: function)
            systemName = profile.systemName(of: function)
            filename = profile.filename(of: function)
            startLine = function.startLine
        }
    }
    struct LocationKey: Hashable {
        let mapping: Int32
        let address: UInt64
        let lines: [Line]
        let isFolded: Bool
    }

    init(header: borrowing Profile) {
        for index in header.sampleTypes.indices { result.appendSampleType(header.sampleType(index), cache: &stringCache) }
        result.periodType = header.periodType
        samples = SampleTable(typeCount: header.sampleTypes.count)
    }

    mutating func add(_ profile: Profile, as transform: SampleTransform) {
        mergeHeader(profile)
        let locations = mergeLocations(profile)
        // Each of the profile's strings is interned into the result once,
        // when a label first needs it.
        var strings = [Int32](repeating: -1, count: profile.strings.count)
        let typeCount = profile.sampleTypes.count
        let setLabel = internSetLabel(transform)
        var labels: [Label] = []
        var negated = [Int64](repeating: 0, count: typeCount)
        samples.reserve(samples: profile.sampleCount, locations: profile.sampleLocations.count, labels: profile.labels.count)
        let starts = profile.sampleLocationStarts
        var depth = 0
        for sample in 0..<profile.sampleCount { depth = max(depth, Int(starts[sample + 1]) - Int(starts[sample])) }
        // Each stack is remapped into one scratch buffer, hashed and
        // compared there, and copied into the table only when it is new.
        let stack = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(depth, 1))
        defer { stack.deallocate() }
        let sampleLocations = profile.sampleLocations
        for sample in 0..<profile.sampleCount {
            var values = profile.sampleValues[(sample * typeCount)..<((sample + 1) * typeCount)]
            if values.allSatisfy({ $0 == 0 }) { continue }
            if transform.negated {
                for (column, value) in values.enumerated() { negated[column] = Profile.scale(value, by: -1) }
                values = negated[...]
            }
            let start = Int(starts[sample])
            let count = Int(starts[sample + 1]) - start
            for index in 0..<count { stack[index] = locations[Int(sampleLocations[start + index])] }
            labels.removeAll(keepingCapacity: true)
            for label in profile.labels(ofSample: sample) {
                let key = intern(label.key, of: profile, map: &strings)
                if let setLabel, key == setLabel.key { continue }
                labels.append(
                    label.isString
                        ? Label(key: key, str: intern(label.str, of: profile, map: &strings))
                        : Label(key: key, num: label.num, numUnit: intern(label.numUnit, of: profile, map: &strings)))
            }
            if let setLabel { labels.append(setLabel) }
            samples.add(stack: UnsafeBufferPointer(rebasing: stack[0..<count]), labels: labels, values: values)
        }
    }

    /// Adds `profile` for `MergedSamples.sums`: its records are unified as
    /// `add` does, its samples renumbered and kept as they are
    /// (`SampleConcatenation`), its sample arrays taken or let go.
    mutating func append(_ profile: inout Profile, as transform: SampleTransform) {
        mergeHeader(profile)
        let locations = mergeLocations(profile)
        let setLabel = internSetLabel(transform)
        var strings = [Int32](repeating: -1, count: profile.strings.count)
        var isKey = [Bool](repeating: false, count: profile.strings.count)
        for label in profile.labels {
            _ = intern(label.key, of: profile, map: &strings)
            if label.key > 0 && Int(label.key) < isKey.count { isKey[Int(label.key)] = true }
            _ = intern(label.isString ? label.str : label.numUnit, of: profile, map: &strings)
        }
        let labelKeys = Set(isKey.indices.lazy.filter { isKey[$0] }.map { strings[$0] }.filter { $0 != setLabel?.key })
        let identity = locations.elementsEqual(0..<UInt32(locations.count))
        let mapping = SampleConcatenation.Mapping(
            locations: identity ? nil : locations, locationCount: result.locations.count,
            strings: strings.map { max($0, 0) }, negated: transform.negated, setLabel: setLabel, labelKeys: labelKeys)
        concatenation.add(&profile, mapping)
    }

    /// The result's index of the profile's string `index`, interned the
    /// first time (`map` remembers it); 0 for the empty string and for an
    /// index past the table.
    private mutating func intern(_ index: Int32, of profile: Profile, map: inout [Int32]) -> Int32 {
        guard index > 0, Int(index) < map.count else { return 0 }
        if map[Int(index)] < 0 { map[Int(index)] = result.intern(profile.strings[Int(index)], cache: &stringCache) }
        return map[Int(index)]
    }

    /// The label a transform sets on every sample, in the result's strings.
    private mutating func internSetLabel(_ transform: SampleTransform) -> Label? {
        transform.label.map { Label(key: result.intern($0.key, cache: &stringCache), str: result.intern($0.value, cache: &stringCache)) }
    }

    /// Earliest non-zero time, summed durations, largest period,
    /// de-duplicated comments, first non-empty default sample type.
    private mutating func mergeHeader(_ profile: Profile) {
        if profile.timeNanos != 0 && (result.timeNanos == 0 || profile.timeNanos < result.timeNanos) {
            result.timeNanos = profile.timeNanos
        }
        result.durationNanos &+= profile.durationNanos
        result.period = max(result.period, profile.period)
        var seen = Set(result.commentIndices.lazy.map(result.string))
        for index in ProfileMerger.firstCommentCopies(of: profile, seen: &seen) {
            result.commentIndices.append(result.intern(profile.string(index), cache: &stringCache))
        }
        if result.defaultSampleType.isEmpty { result.defaultSampleType = profile.defaultSampleType }
        if result.docURL.isEmpty { result.docURL = profile.docURL }
        if result.dropFrames.isEmpty { result.dropFrames = profile.dropFrames }
        if result.keepFrames.isEmpty { result.keepFrames = profile.keepFrames }
    }

    /// Unifies the profile's mappings, functions and locations with the
    /// result's; returns the result's index of each of its locations.
    private mutating func mergeLocations(_ profile: Profile) -> [UInt32] {
        let mappings = profile.mappings.map { mapping -> Int32 in
            var key = profile.details(of: mapping)
            key.id = 0
            if let existing = mappingIndex[key] { return existing }
            let position = Int32(result.mappings.count)
            var details = key
            details.id = UInt64(position + 1)
            result.appendMapping(details, cache: &stringCache)
            mappingIndex[key] = position
            return position
        }
        let functions = profile.functions.map { function -> Int32 in
            let key = FunctionKey(profile, function)
            if let existing = functionIndex[key] { return existing }
            let position = result.appendFunction(
                id: UInt64(result.functions.count + 1), name: key.name, systemName: key.systemName, filename: key.filename,
                startLine: key.startLine, cache: &stringCache)
            functionIndex[key] = position
            return position
        }
        var locations = [UInt32](repeating: 0, count: profile.locations.count)
        for (position, location) in profile.locations.enumerated() {
            let lines = profile.lines(of: location).map { Line(function: functions[Int($0.function)], line: $0.line, column: $0.column) }
            let mapping = location.mapping >= 0 ? mappings[Int(location.mapping)] : -1
            let key = LocationKey(mapping: mapping, address: location.address, lines: lines, isFolded: location.isFolded)
            if let index = locationIndex[key] {
                locations[position] = index
                continue
            }
            let index = UInt32(result.locations.count)
            let start = Int32(result.lines.count)
            result.lines.append(contentsOf: lines)
            result.locations.append(
                Location(
                    id: UInt64(index + 1), mapping: mapping, address: location.address,
                    isFolded: location.isFolded, lineStart: start, lineEnd: Int32(result.lines.count)))
            locationIndex[key] = index
            locations[position] = index
        }
        return locations
    }

    /// The merged profile: every sample whose sums are not all zero, in the
    /// order each key was first seen.
    mutating func finish() -> Profile {
        samples.moveSamples(into: &result)
        return result
    }

    /// The merged profile of `append`ed profiles: their samples as they
    /// are, with identical samples summed (in place) only when some could
    /// cancel out.
    mutating func finishAppended() -> Profile {
        let needsSumming = concatenation.needsSumming
        concatenation.moveSamples(into: &result)
        var merged = result
        result = Profile()
        if needsSumming { ProfileMerger.sumIdenticalSamples(&merged) }
        return merged
    }
}

/// Merges profiles as pprof does when given several files: functions,
/// locations and mappings are unified by content, identical samples (same
/// stack and labels) are summed, and all-zero samples are dropped.
public enum ProfileMerger {
    /// Merges `profiles`; they must have the same sample and period types.
    /// A single profile is returned as it is.
    public static func merge(_ profiles: [Profile]) throws(ProfileError) -> Profile {
        guard let first = profiles.first else { throw .incompatible("no profiles to merge") }
        if profiles.count == 1 { return first }
        return try mergeAll(profiles)
    }

    /// What go tool pprof makes of a single input, which it merges too:
    /// identical samples summed and all-zero samples dropped. Only views that
    /// show samples one by one (traces) need it.
    public static func mergedSamples(of profile: Profile) throws(ProfileError) -> Profile {
        try mergeAll([profile])
    }

    private static func mergeAll(_ profiles: [Profile]) throws(ProfileError) -> Profile {
        guard let first = profiles.first else { throw .incompatible("no profiles to merge") }
        for other in profiles.dropFirst() {
            try checkCompatible(first, other)
        }
        var merger = Merger(header: first)
        for profile in profiles { merger.add(profile) }
        var merged = merger.finish(profiles)
        try ProfileValidator.validate(&merged)
        return merged
    }

    /// pprof's `Compact`: `profile` merged with itself alone, so samples
    /// with the same stack and labels are summed and all-zero ones dropped.
    public static func compact(_ profile: Profile) -> Profile {
        var merger = Merger(header: profile)
        merger.add(profile)
        return merger.finish([profile])
    }

    /// Throws unless `a` and `b` have the same period type and sample types.
    public static func checkCompatible(_ a: Profile, _ b: Profile) throws(ProfileError) {
        if a.periodType != b.periodType {
            throw .incompatible("incompatible period types \(describe(a.periodType)) and \(describe(b.periodType))")
        }
        if a.sampleTypes != b.sampleTypes {
            let left = a.sampleTypes.map(describe).joined(separator: " ")
            let right = b.sampleTypes.map(describe).joined(separator: " ")
            throw .incompatible("incompatible sample types [\(left)] and [\(right)]")
        }
    }

    static func describe(_ type: ValueType) -> String { "\(type.type)/\(type.unit)" }
}

private struct Merger {
    var result = Profile()
    var stringCache: [String: Int32] = [:]
    var mappingIndex: [Mapping: Int32] = [:]
    var functionIndex: [FunctionKey: Int32] = [:]
    var locationIndex: [LocationKey: UInt32] = [:]
    var sampleIndex: [SampleKey: Int] = [:]
    var sampleStacks: [[UInt32]] = []
    var sampleValues: [[Int64]] = []
    var sampleLabels: [[Label]] = []

    struct FunctionKey: Hashable { let name, systemName, filename: String; let startLine: Int64 }
    struct LocationKey: Hashable { let mapping: Int32; let address: UInt64; let lines: [Line]; let isFolded: Bool }
    struct SampleKey: Hashable { let stack: [UInt32]; let labels: [LabelKey] }
    struct LabelKey: Hashable { let key: String; let str: String; let num: Int64; let unit: String }

    init(header: Profile) {
        result.sampleTypes = header.sampleTypes
        result.periodType = header.periodType
    }

    mutating func add(_ profile: Profile) {
        // Header: earliest non-zero time, summed durations, largest period,
        // de-duplicated comments, first non-empty default sample type.
        if profile.timeNanos != 0 && (result.timeNanos == 0 || profile.timeNanos < result.timeNanos) {
            result.timeNanos = profile.timeNanos
        }
        result.durationNanos &+= profile.durationNanos
        result.period = max(result.period, profile.period)
        for comment in profile.comments where !result.comments.contains(comment) {
            result.comments.append(comment)
        }
        if result.defaultSampleType.isEmpty { result.defaultSampleType = profile.defaultSampleType }
        if result.docURL.isEmpty { result.docURL = profile.docURL }
        if result.dropFrames.isEmpty { result.dropFrames = profile.dropFrames }
        if result.keepFrames.isEmpty { result.keepFrames = profile.keepFrames }

        let mappings = profile.mappings.map { mapping -> Int32 in
            var key = mapping
            key.id = 0
            if let index = mappingIndex[key] { return index }
            let index = Int32(result.mappings.count)
            var copy = mapping
            copy.id = UInt64(index + 1)
            result.mappings.append(copy)
            mappingIndex[key] = index
            return index
        }
        let functions = profile.functions.map { function -> Int32 in
            let key = FunctionKey(name: function.name, systemName: function.systemName, filename: function.filename, startLine: function.startLine)
            if let index = functionIndex[key] { return index }
            let index = Int32(result.functions.count)
            var copy = function
            copy.id = UInt64(index + 1)
            result.functions.append(copy)
            functionIndex[key] = index
            return index
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
            result.locations.append(Location(id: UInt64(index + 1), mapping: mapping, address: location.address,
                                             isFolded: location.isFolded, lineStart: start, lineEnd: Int32(result.lines.count)))
            locationIndex[key] = index
            locations[position] = index
        }

        let typeCount = profile.sampleTypes.count
        for sample in 0..<profile.sampleCount {
            let values = Array(profile.sampleValues[(sample * typeCount)..<((sample + 1) * typeCount)])
            if values.allSatisfy({ $0 == 0 }) { continue }
            let stack = profile.stack(ofSample: sample).map { locations[Int($0)] }
            let labels = profile.labels(ofSample: sample).map { label in
                LabelKey(key: profile.string(label.key), str: profile.string(label.str), num: label.num, unit: profile.string(label.numUnit))
            }
            let key = SampleKey(stack: stack, labels: labels.sorted { ($0.key, $0.str, $0.num, $0.unit) < ($1.key, $1.str, $1.num, $1.unit) })
            if let existing = sampleIndex[key] {
                for i in 0..<typeCount { sampleValues[existing][i] &+= values[i] }
                continue
            }
            sampleIndex[key] = sampleStacks.count
            sampleStacks.append(stack)
            sampleValues.append(values)
            sampleLabels.append(labels.map { label in
                Label(key: result.intern(label.key, cache: &stringCache), str: result.intern(label.str, cache: &stringCache),
                      num: label.num, numUnit: result.intern(label.unit, cache: &stringCache))
            })
        }
    }

    mutating func finish(_ profiles: [Profile]) -> Profile {
        for index in sampleStacks.indices where !sampleValues[index].allSatisfy({ $0 == 0 }) {
            result.appendSample(locations: sampleStacks[index], values: sampleValues[index], labels: sampleLabels[index])
        }
        return result
    }
}

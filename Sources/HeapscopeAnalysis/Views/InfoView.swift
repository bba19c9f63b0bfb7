import HeapscopeProfile

/// What a profile is: the facts `heapscope info` shows.
public struct InfoView: Sendable {
    public struct SampleTypeInfo: Sendable {
        public var type: String
        public var unit: String
        public var isDefault: Bool
        /// Σ value over all samples (signed).
        public var total: Int64
    }

    /// Path of the main binary (mapping[0]), if known.
    public var binary: String?
    public var buildID: String?
    public var periodType: ValueType
    public var period: Int64
    public var timeNanos: Int64
    public var durationNanos: Int64
    public var sampleCount: Int
    public var locationCount: Int
    public var functionCount: Int
    public var mappingCount: Int
    public var docURL: String?
    /// The key figures of a Go legacy heap text's `# runtime.MemStats`
    /// block (`keyRuntimeStats` order), and the whole block.
    public var keyStats: [KeyStat]
    public var runtimeStats: [RuntimeStat]
    /// Samples whose stacks hit the runtime's depth limit, and that limit.
    public var truncatedSamples: Int
    public var stackDepthLimit: Int

    /// One MemStats figure: its name, value and unit (`bytes` or `count`).
    public struct KeyStat: Sendable {
        public var name: String
        public var value: Int64
        public var unit: String
    }

    /// The MemStats figures `info` shows, with their units.
    static let keyRuntimeStats: [(String, String)] = [
        ("HeapAlloc", "bytes"), ("HeapInuse", "bytes"), ("HeapIdle", "bytes"), ("HeapReleased", "bytes"),
        ("HeapSys", "bytes"), ("HeapObjects", "count"), ("TotalAlloc", "bytes"), ("Sys", "bytes"),
        ("Mallocs", "count"), ("Frees", "count"), ("NumGC", "count"),
    ]

    /// The profile the sample types and comments are read from, one at a
    /// time: a profile may have millions of each.
    private let profile: Profile
    private let defaultIndex: Int

    public init(profile: Profile) {
        self.profile = profile
        let main = profile.mainMapping
        binary = main.map(profile.file).flatMap { $0.isEmpty ? nil : $0 }
        buildID = main.map(profile.buildID).flatMap { $0.isEmpty ? nil : $0 }
        defaultIndex = (try? SampleSelection.index(in: profile, spec: nil)) ?? -1
        periodType = profile.periodType
        period = profile.period
        timeNanos = profile.timeNanos
        durationNanos = profile.durationNanos
        sampleCount = profile.sampleCount
        locationCount = profile.locations.count
        functionCount = profile.functions.count
        mappingCount = profile.mappings.count
        docURL = profile.docURL.isEmpty ? nil : profile.docURL
        runtimeStats = profile.runtimeStats
        truncatedSamples = profile.truncation.samples.count
        stackDepthLimit = profile.truncation.depthLimit
        keyStats = Self.keyRuntimeStats.compactMap { name, unit in
            guard let stat = profile.runtimeStats.first(where: { $0.name == name }), let value = Int64(stat.value) else { return nil }
            return KeyStat(name: name, value: value, unit: unit)
        }
    }

    /// The sample types with their totals, each made as it is read.
    public var sampleTypes: LazyMapCollection<Range<Int>, SampleTypeInfo> {
        profile.sampleTypes.indices.lazy.map(sampleType)
    }

    /// Sample type `index` with its total (one pass over its column).
    public func sampleType(_ index: Int) -> SampleTypeInfo {
        let type = profile.sampleType(index)
        var total: Int64 = 0
        for offset in stride(from: index, to: profile.sampleValues.count, by: profile.sampleTypes.count) {
            total &+= profile.sampleValues[offset]
        }
        return SampleTypeInfo(type: type.type, unit: type.unit, isDefault: index == defaultIndex, total: total)
    }

    /// The comments, each made as it is read.
    public var comments: LazyMapCollection<[Int32], String> {
        profile.commentIndices.lazy.map(profile.string)
    }
}

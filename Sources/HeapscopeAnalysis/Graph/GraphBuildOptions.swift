import Foundation

/// Options for building a graph from samples.
public struct GraphBuildOptions: Sendable {
    /// The sample column whose values the graph sums.
    public var sampleIndex: Int
    /// Leave out nodes with flat < 0, or flat == 0 and cum < 0.
    public var dropNegative: Bool
    /// When set, collect the nodes' tags (DOT nodelets), naming numeric
    /// tags in this output unit. Nil keeps the builder's hot path tag-free.
    public var tagUnit: String?
    /// False sums only flat and cum, which is cheaper (no edges are made).
    public var edges: Bool
    /// At most this many threads sum ranges of samples at once. Profiles
    /// under 100,000 samples, and graphs that collect tags, are summed on
    /// the calling thread whatever this says. Must be at least 1.
    /// Default: `GraphBuildOptions.defaultMaxConcurrency`.
    public var maxConcurrency: Int

    /// The active processor count, at most 4.
    public static var defaultMaxConcurrency: Int { min(4, ProcessInfo.processInfo.activeProcessorCount) }

    public init(sampleIndex: Int, dropNegative: Bool = false, tagUnit: String? = nil, edges: Bool = true,
                maxConcurrency: Int = GraphBuildOptions.defaultMaxConcurrency) {
        self.sampleIndex = sampleIndex
        self.dropNegative = dropNegative
        self.tagUnit = tagUnit
        self.edges = edges
        self.maxConcurrency = maxConcurrency
    }
}

import HeapscopeProfile

/// What the legend says about the profile itself (pprof's ProfileLabels).
public struct ProfileFacts: Sendable, Equatable {
    /// Base name of the main binary, if known.
    public var file: String?
    public var buildID: String?
    /// Comments not starting with `#`.
    public var comments: [String] = []
    public var sampleType: String = ""
    public var timeNanos: Int64 = 0
    public var durationNanos: Int64 = 0
}

/// What the legend says about pruning (pprof's reportLabels).
public struct PruneFacts: Sendable, Equatable {
    /// Sum of flat over the nodes shown.
    public var shownFlat: Int64 = 0
    public var total: Int64 = 0
    public var droppedNodes: Int = 0
    /// |total × node fraction|, as printed in "Dropped N nodes (cum <= X)".
    public var nodeCutoff: Int64 = 0
    public var droppedEdges: Int = 0
    /// |total × edge fraction|.
    public var edgeCutoff: Int64 = 0
    public var shownNodes: Int = 0
    public var originalCount: Int = 0

    public init() {}

    public init(trimmed: TrimmedGraph, total: Int64, prune: PruneOptions) {
        shownFlat = trimmed.graph.flatSum
        self.total = total
        droppedNodes = trimmed.droppedNodes
        nodeCutoff = magnitude(Measurement.truncate(Double(total) * prune.nodeFraction))
        droppedEdges = trimmed.droppedEdges
        edgeCutoff = magnitude(Measurement.truncate(Double(total) * prune.edgeFraction))
        shownNodes = trimmed.graph.nodes.count
        originalCount = trimmed.originalCount
    }
}

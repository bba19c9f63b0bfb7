import HeapscopeProfile

/// How the nodes of a report are ordered.
public enum NodeOrder: Sendable {
    /// |flat| descending, then name (pprof's default for text).
    case flat
    /// |cum| descending, then name (`--cum`).
    case cum
    /// pprof's `EntropyOrder` for graph pictures: nodes where the flow
    /// branches first. Also selects pprof's visual mode when trimming
    /// (nodelets count towards nodecount; redundant residual edges go).
    case entropy
}

/// Pruning options, as pprof's `-nodecount`, `-nodefraction`, `-edgefraction`.
public struct PruneOptions: Sendable {
    /// Keep at most this many nodes (0 = no limit).
    public var nodeCount: Int
    /// Drop nodes whose |cum| is below this fraction of the total.
    public var nodeFraction: Double
    /// Drop edges whose |weight| is below this fraction of the total.
    public var edgeFraction: Double

    public init(nodeCount: Int = 0, nodeFraction: Double = 0.005, edgeFraction: Double = 0.001) {
        self.nodeCount = nodeCount
        self.nodeFraction = nodeFraction
        self.edgeFraction = edgeFraction
    }
}

/// A graph pruned for a report (pprof's `newTrimmedGraph`), with the counts
/// the report's legend lines print.
public struct TrimmedGraph: Sendable {
    public var graph: CallGraph
    /// Nodes left after the fraction cut, before the nodecount cut.
    public var originalCount: Int
    /// Nodes removed by the fraction cut.
    public var droppedNodes: Int
    /// Edges removed by the edge-fraction cut.
    public var droppedEdges: Int
    /// The node and edge cutoffs derived from the graph's own flat sum.
    public var nodeCutoff: Int64
    public var edgeCutoff: Int64

    /// Builds, prunes and sorts the graph.
    public init(profile: Profile, table: NodeTable, build: GraphBuildOptions, prune: PruneOptions, order: NodeOrder) {
        // Flat and cum do not depend on edges, so the fraction cut is decided
        // on a cheaper first pass without edges or tags; the graph is then
        // built once in full, through the kept nodes (pprof builds it twice).
        var nodesOnly = build
        nodesOnly.edges = false
        nodesOnly.tagUnit = nil
        var graph = CallGraph(profile: profile, table: table, options: prune.nodeFraction == 0 ? build : nodesOnly)
        let totalValue = graph.flatSum
        let nodeCutoff = magnitude(Measurement.truncate(Double(totalValue) * prune.nodeFraction))
        let edgeCutoff = magnitude(Measurement.truncate(Double(totalValue) * prune.edgeFraction))
        self.nodeCutoff = nodeCutoff
        self.edgeCutoff = edgeCutoff
        droppedNodes = 0
        if prune.nodeFraction != 0 {
            let kept = graph.nodes.filter { magnitude(graph.cum[Int($0)]) >= nodeCutoff }
            if kept.count != graph.nodes.count {
                droppedNodes = graph.nodes.count - kept.count
                graph = CallGraph(profile: profile, table: table, options: build, kept: Self.mask(kept, count: table.count))
            } else {
                graph = CallGraph(profile: profile, table: table, options: build)
            }
        }
        originalCount = graph.nodes.count
        let visual = order == .entropy
        graph.sortNodes(order)
        if prune.nodeCount > 0 {
            graph.tags?.trim(below: nodeCutoff)
            graph.trimEdges(below: edgeCutoff)
            let top = Array(graph.nodes.prefix(visual ? graph.visualNodeLimit(prune.nodeCount) : prune.nodeCount))
            if top.count != graph.nodes.count {
                graph = CallGraph(profile: profile, table: table, options: build, kept: Self.mask(top, count: table.count))
                graph.sortNodes(order)
            }
        }
        graph.tags?.trim(below: nodeCutoff)
        droppedEdges = graph.trimEdges(below: edgeCutoff)
        if visual { graph.removeRedundantEdges() }
        self.graph = graph
    }

    /// True for every node id in `nodes`, over `count` node ids.
    static func mask(_ nodes: [Int32], count: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: count)
        for node in nodes { mask[Int(node)] = true }
        return mask
    }
}

extension CallGraph {
    /// Sorts `nodes` as pprof's `Nodes.Sort` does for the given order.
    package mutating func sortNodes(_ order: NodeOrder) {
        let names = table.printableNames
        let infos = table.infos
        let flat = self.flat, cum = self.cum
        func tieBreak(_ l: Int, _ r: Int) -> Bool {
            Self.goLess(infos[l].goDebugString, infos[r].goDebugString)
        }
        switch order {
        case .flat:
            nodes.sort { a, b in
                let l = Int(a), r = Int(b)
                let lf = magnitude(flat[l]), rf = magnitude(flat[r])
                if lf != rf { return lf > rf }
                if names[l] != names[r] { return Self.goLess(names[l], names[r]) }
                let lc = magnitude(cum[l]), rc = magnitude(cum[r])
                if lc != rc { return lc > rc }
                return tieBreak(l, r)
            }
        case .cum:
            nodes.sort { a, b in
                let l = Int(a), r = Int(b)
                let lc = magnitude(cum[l]), rc = magnitude(cum[r])
                if lc != rc { return lc > rc }
                if names[l] != names[r] { return Self.goLess(names[l], names[r]) }
                let lf = magnitude(flat[l]), rf = magnitude(flat[r])
                if lf != rf { return lf > rf }
                return tieBreak(l, r)
            }
        case .entropy:
            let score = entropyScores()
            nodes.sort { a, b in
                let l = Int(a), r = Int(b)
                let ls = magnitude(score[l]), rs = magnitude(score[r])
                if ls != rs { return ls > rs }
                if names[l] != names[r] { return Self.goLess(names[l], names[r]) }
                let lf = magnitude(flat[l]), rf = magnitude(flat[r])
                if lf != rf { return lf > rf }
                return tieBreak(l, r)
            }
        }
    }

    /// Go's string ordering: bytewise on UTF-8.
    @inline(__always)
    package static func goLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

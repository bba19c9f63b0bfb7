import Foundation
import HeapscopeProfile
import Synchronization

/// A call graph: pprof's `graph.Graph`. Nodes carry flat and cumulative
/// values of one sample column; edges carry the caller -> callee weight.
public struct CallGraph: Sendable {
    /// The node table the graph's node ids refer to.
    public let table: NodeTable
    /// The nodes with a non-zero flat or cum value, in the current order.
    public var nodes: [Int32]
    /// Flat value of every node of the table: what its own frames hold
    /// (0 for absent nodes).
    public var flat: [Int64]
    /// Cumulative value of every node of the table: what it and its callees
    /// hold, counted once per sample (0 for absent nodes).
    public var cum: [Int64]
    /// All edges, including ones a trim removed (see `incomingEdges()`).
    public var edges: [Edge]
    var edgeRemoved: [Bool]
    /// The nodes' tags, when the build options asked for them.
    public var tags: GraphTags?

    /// A caller -> callee edge.
    public struct Edge: Sendable {
        /// The caller's node id.
        public var source: Int32
        /// The callee's node id.
        public var destination: Int32
        /// The value of the samples whose stacks take this call.
        public var weight: Int64
        /// The edge skips nodes that were dropped from the graph.
        public var residual: Bool
        /// Every call along this edge was inlined.
        public var inline: Bool
    }

    /// Incoming live edges of every node.
    package func incomingEdges() -> [[Int]] {
        var incoming = [[Int]](repeating: [], count: table.count)
        for (index, edge) in edges.enumerated() where !edgeRemoved[index] {
            incoming[Int(edge.destination)].append(index)
        }
        return incoming
    }

    /// Outgoing live edges of every node.
    package func outgoingEdges() -> [[Int]] {
        var outgoing = [[Int]](repeating: [], count: table.count)
        for (index, edge) in edges.enumerated() where !edgeRemoved[index] {
            outgoing[Int(edge.source)].append(index)
        }
        return outgoing
    }

    /// Removes edges whose |weight| is below `cutoff`; returns how many.
    @discardableResult
    package mutating func trimEdges(below cutoff: Int64) -> Int {
        var dropped = 0
        let present = TrimmedGraph.mask(nodes, count: table.count)
        for index in edges.indices where !edgeRemoved[index] && present[Int(edges[index].destination)] {
            if magnitude(edges[index].weight) < cutoff {
                edgeRemoved[index] = true
                dropped += 1
            }
        }
        return dropped
    }

    /// The sum of flat over the graph's nodes (signed).
    public var flatSum: Int64 { nodes.reduce(0) { $0 &+ flat[Int($1)] } }
}

@inline(__always) func magnitude(_ value: Int64) -> Int64 { value < 0 ? 0 &- value : value }

extension CallGraph {
    /// Builds the graph of `profile` over `table` in one pass over the
    /// samples (pprof's `newGraph`): cum counts once per sample even through
    /// recursion, edges once per sample, flat goes to the leaf node. When
    /// `kept` is given, other nodes are left out and paths through them
    /// become residual edges.
    ///
    /// Throws `AnalysisError` when the inputs do not fit together: a sample
    /// index past the profile's sample types, a table made for another
    /// profile, a `kept` mask of another size, or `maxConcurrency` below 1.
    public static func build(profile: Profile, table: NodeTable, options: GraphBuildOptions, kept: [Bool]? = nil) throws(AnalysisError)
        -> CallGraph
    {
        try checkInputs(profile: profile, table: table, options: options, kept: kept)
        return CallGraph(profile: profile, table: table, options: options, kept: kept)
    }

    /// `build` for inputs the caller made consistent: a `ReportContext`'s
    /// profile, table and column.
    package init(profile: Profile, table: NodeTable, options: GraphBuildOptions, kept: [Bool]? = nil) {
        self.init(profile: profile, table: table, options: options, kept: kept, partitions: nil)
    }

    /// The checks `build` makes before any sample is read.
    static func checkInputs(profile: Profile, table: NodeTable, options: GraphBuildOptions, kept: [Bool]?) throws(AnalysisError) {
        guard options.sampleIndex >= 0 && options.sampleIndex < profile.sampleTypes.count else {
            throw .sampleIndexOutOfRange(String(options.sampleIndex), last: profile.sampleTypes.count - 1)
        }
        guard options.maxConcurrency >= 1 else {
            throw .invalidOption("maxConcurrency must be at least 1, not \(options.maxConcurrency)")
        }
        guard table.locationStarts.count == profile.locations.count + 1,
            table.locationNodes.allSatisfy({ $0 >= 0 && Int($0) < table.count }),
            profile.sampleLocations.first(atLeast: UInt32(clamping: profile.locations.count)) == nil
        else {
            throw .invalidOption("the node table was not made for this profile")
        }
        if let kept, kept.count != table.count {
            throw .invalidOption("the kept mask has \(kept.count) entries for \(table.count) nodes")
        }
    }

    /// `partitions` forces how many ranges the samples are split into (tests).
    init(profile: Profile, table: NodeTable, options: GraphBuildOptions, kept: [Bool]?, partitions: Int?) {
        let nodeCount = table.count
        let keptMask = kept ?? [Bool](repeating: true, count: nodeCount)
        let sampleCount = profile.sampleCount
        // Large profiles are split into ranges of samples summed on separate
        // threads; the sums are exact because each sample lies in one range.
        // Tags keep the first value seen per tag, so they are summed in order.
        let tagCollector = options.tagUnit.map { TagCollector(profile: profile, outputUnit: $0) }
        let parallel = sampleCount >= 100_000 ? max(1, options.maxConcurrency) : 1
        let parts = tagCollector != nil ? 1 : max(1, partitions ?? parallel)
        let results = Mutex([GraphAccumulation?](repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (sampleCount * part / parts)..<(sampleCount * (part + 1) / parts)
            let sums = GraphAccumulation(
                samples: range, profile: profile, table: table, valueIndex: options.sampleIndex,
                kept: keptMask, tags: tagCollector, edges: options.edges)
            results.withLock { $0[part] = sums }
        }
        let partial = results.withLock { slots in slots.map { $0 ?? GraphAccumulation() } }
        var total = partial[0]
        for part in 1..<parts { total.add(partial[part]) }

        let flat = total.flat
        let cum = total.cum
        var nodes: [Int32] = []
        for node in 0..<nodeCount where !(cum[node] == 0 && flat[node] == 0) && keptMask[node] {
            if options.dropNegative && (flat[node] < 0 || (flat[node] == 0 && cum[node] < 0)) { continue }
            nodes.append(Int32(node))
        }
        self.table = table
        self.nodes = nodes
        self.flat = flat
        self.cum = cum
        self.edges = total.edges.edges
        self.edgeRemoved = [Bool](repeating: false, count: total.edges.count)
        self.tags = total.tags?.result
    }
}

import HeapscopeProfile

/// Flat, cum and edge sums over a range of samples (pprof's `newGraph` loop).
struct GraphAccumulation {
    var flat: [Int64] = []
    var cum: [Int64] = []
    var edges = EdgeAccumulator()
    var edgeMap = EdgeMap()
    var tags: TagCollector?

    init() {}

    init(flat: [Int64], cum: [Int64], edges: EdgeAccumulator, edgeMap: EdgeMap, tags: TagCollector?) {
        self.flat = flat
        self.cum = cum
        self.edges = edges
        self.edgeMap = edgeMap
        self.tags = tags
    }

    /// Sums `samples` of `profile`; `CallGraph.checkInputs` has checked
    /// that `table` and `kept` were made for `profile`.
    init(samples: Range<Int>, profile: Profile, table: NodeTable, valueIndex: Int, kept: [Bool], tags: TagCollector?, edges: Bool) {
        var walk = GraphWalk(profile: profile, table: table, valueIndex: valueIndex, kept: kept, tags: tags, makeEdges: edges)
        walk.add(samples, of: profile)
        self = walk.finish()
    }

    /// Adds the sums of another range of samples.
    mutating func add(_ other: GraphAccumulation) {
        for node in flat.indices {
            flat[node] &+= other.flat[node]
            cum[node] &+= other.cum[node]
        }
        for edge in other.edges.edges {
            let (index, isNew) = edgeMap.findOrInsert(source: edge.source, destination: edge.destination, nextIndex: Int32(edges.count))
            edges.merge(edge, into: index, isNew: isNew)
        }
    }
}

/// Edge weights as they accumulate, counting each edge once per sample.
struct EdgeAccumulator {
    var edges: [CallGraph.Edge] = []
    private var stamps: [Int32] = []
    var count: Int { edges.count }

    @inline(__always)
    mutating func add(_ edge: Int32, isNew: Bool, source: Int32, destination: Int32, weight: Int64,
                      stamp: Int32, residual: Bool, inline: Bool) {
        if isNew {
            edges.append(CallGraph.Edge(source: source, destination: destination, weight: weight, residual: residual, inline: inline))
            stamps.append(stamp)
            return
        }
        let index = Int(edge)
        guard stamps[index] != stamp else { return }
        stamps[index] = stamp
        edges[index].weight &+= weight
        if residual { edges[index].residual = true }
        if !inline { edges[index].inline = false }
    }

    /// Folds in an edge summed over another range of samples.
    mutating func merge(_ edge: CallGraph.Edge, into index: Int32, isNew: Bool) {
        if isNew {
            edges.append(edge)
            stamps.append(-1)
            return
        }
        edges[Int(index)].weight &+= edge.weight
        if edge.residual { edges[Int(index)].residual = true }
        if !edge.inline { edges[Int(index)].inline = false }
    }
}

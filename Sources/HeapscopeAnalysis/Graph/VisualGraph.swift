import Foundation

/// The parts of pprof's graph package used only for graph pictures (DOT):
/// entropy scores, nodelet-aware node limits, redundant-edge removal and
/// the edge order.
extension CallGraph {
    /// pprof's `entropyScore` for every node of the table: (entropy of the
    /// in-edge weights, or 1 for an entry node, + entropy of the out-edge
    /// and self weights, or 1 for a leaf) × cum + flat.
    func entropyScores() -> [Int64] {
        let incoming = incomingEdges(), outgoing = outgoingEdges()
        var scores = [Int64](repeating: 0, count: table.count)
        for node in nodes {
            let index = Int(node)
            var score = 0.0
            score += incoming[index].isEmpty ? 1 : edgeEntropy(incoming[index], selfWeight: 0)
            score += outgoing[index].isEmpty ? 1 : edgeEntropy(outgoing[index], selfWeight: flat[index])
            scores[index] = Self.goInt64(score * Double(cum[index])) &+ flat[index]
        }
        return scores
    }

    /// pprof's `edgeEntropyScore`.
    private func edgeEntropy(_ edgeIndices: [Int], selfWeight: Int64) -> Double {
        var total = selfWeight
        for edge in edgeIndices where edges[edge].weight > 0 {
            total &+= magnitude(edges[edge].weight)
        }
        guard total != 0 else { return 0 }
        var score = 0.0
        for edge in edgeIndices {
            let fraction = Double(magnitude(edges[edge].weight)) / Double(total)
            score += -fraction * log2(fraction)
        }
        if selfWeight > 0 {
            let fraction = Double(magnitude(selfWeight)) / Double(total)
            score += -fraction * log2(fraction)
        }
        return score
    }

    /// Go's `int64(f)` as amd64 computes it: NaN and out-of-range values
    /// become the minimum Int64 instead of trapping.
    static func goInt64(_ value: Double) -> Int64 {
        guard value.isFinite, value > -9.2233720368547758e18, value < 9.2233720368547758e18 else { return Int64.min }
        return Int64(value)
    }

    /// pprof's visual-mode `selectTopNodes`: how many of the sorted nodes
    /// fit in `maxNodes` when each also costs its flat tags (at most
    /// `GraphTags.maxNodelets`).
    func visualNodeLimit(_ maxNodes: Int) -> Int {
        let tagCounts = tags?.flatTagCounts(nodeCount: table.count)
        var count = 0
        for (position, node) in nodes.enumerated() {
            count += min(tagCounts?[Int(node)] ?? 0, GraphTags.maxNodelets) + 1
            if count >= maxNodes { return position + 1 }
        }
        return maxNodes
    }

    /// pprof's `RemoveRedundantEdges`: drops residual edges whose target
    /// can be reached from their source another way, lightest first.
    package mutating func removeRedundantEdges() {
        let incoming = incomingEdges()
        for node in nodes.reversed() {
            let sorted = incoming[Int(node)].filter { !edgeRemoved[$0] }.sorted { edgePrecedes($0, $1) }
            for edge in sorted.reversed() {
                if !edges[edge].residual { break }
                if isRedundant(edge, incoming: incoming) { edgeRemoved[edge] = true }
            }
        }
    }

    private func isRedundant(_ edge: Int, incoming: [[Int]]) -> Bool {
        let source = edges[edge].source
        var seen: Set<Int32> = [edges[edge].destination]
        var queue = [edges[edge].destination]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for other in incoming[Int(node)] where !edgeRemoved[other] && other != edge {
                let from = edges[other].source
                if seen.contains(from) { continue }
                if from == source { return true }
                seen.insert(from)
                queue.append(from)
            }
        }
        return false
    }

    /// pprof's edge order: |weight| descending, then source name, then
    /// destination name.
    package func edgePrecedes(_ a: Int, _ b: Int) -> Bool {
        edgePrecedes(edges[a], edges[b])
    }

    /// pprof's edge order on the edges themselves.
    package func edgePrecedes(_ left: Edge, _ right: Edge) -> Bool {
        if left.weight != right.weight { return magnitude(left.weight) > magnitude(right.weight) }
        let names = table.printableNames
        let leftSource = names[Int(left.source)], rightSource = names[Int(right.source)]
        if leftSource != rightSource { return Self.goLess(leftSource, rightSource) }
        return Self.goLess(names[Int(left.destination)], names[Int(right.destination)])
    }

    /// Indices of the live edges.
    package var liveEdgeIndices: [Int] { edges.indices.filter { !edgeRemoved[$0] } }
}

import HeapscopeProfile

/// Each node with its callers and callees (pprof's `-tree`, and `-peek`
/// when a pattern selects the nodes shown).
public struct TreeView: Sendable {
    /// A caller or callee of an entry.
    public struct Neighbor: Sendable, Equatable {
        public var name: String
        public var weight: Int64
        public var inline: Bool
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var flat: Int64
        public var cum: Int64
        /// Sorted by |weight| descending, then name.
        public var callers: [Neighbor]
        public var callees: [Neighbor]
    }

    public var header: ReportHeader
    public var prune: PruneFacts
    /// The entries, in the graph's order (flat or cum).
    public var entries: [Entry]
    /// True when the graph had nodes (pprof then closes the table with a rule).
    public var hasNodes: Bool

    /// With `pattern`, only nodes whose printable name matches are shown,
    /// and a pattern matching none is an error.
    public init(context: ReportContext, pattern: NamePattern? = nil) throws(AnalysisError) {
        let trimmed = context.trimmedGraph()
        let graph = trimmed.graph
        let names = context.table.printableNames
        let incoming = graph.incomingEdges()
        let outgoing = graph.outgoingEdges()

        func neighbors(_ edgeIndices: [Int], callers: Bool) -> [Neighbor] {
            let edges = edgeIndices.map { graph.edges[$0] }.sorted { graph.edgePrecedes($0, $1) }
            return edges.map { edge in
                Neighbor(name: names[Int(callers ? edge.source : edge.destination)], weight: edge.weight, inline: edge.inline)
            }
        }

        entries = []
        for node in graph.nodes {
            let name = names[Int(node)]
            if let pattern, !pattern.matches(name) { continue }
            entries.append(Entry(name: name, flat: graph.flat[Int(node)], cum: graph.cum[Int(node)],
                                 callers: neighbors(incoming[Int(node)], callers: true),
                                 callees: neighbors(outgoing[Int(node)], callers: false)))
        }
        if let pattern, entries.isEmpty { throw pattern.noMatches }
        hasNodes = !graph.nodes.isEmpty
        header = ReportHeader(context: context, outputUnit: context.outputUnit(for: graph))
        prune = PruneFacts(trimmed: trimmed, total: context.total, prune: context.options.prune)
    }
}

import HeapscopeProfile

/// How a node was reached: only through inlined calls, through both, or not.
public enum InlineMarker: String, Sendable {
    case none = ""
    case inline = "(inline)"
    case partialInline = "(partial-inline)"
}

/// One row of the top table.
public struct TopRow: Sendable, Equatable {
    public var name: String
    public var inline: InlineMarker
    public var flat: Int64
    public var cum: Int64
}

/// The top table as data (pprof's `-top`).
public struct TopView: Sendable {
    public var header: ReportHeader
    public var prune: PruneFacts
    public var rows: [TopRow]

    public init(context: ReportContext) {
        let trimmed = context.trimmedGraph()
        let graph = trimmed.graph
        let incoming = graph.incomingEdges()
        rows = graph.nodes.map { node in
            var inline = false
            var notInline = false
            for edge in incoming[Int(node)] {
                if graph.edges[edge].inline { inline = true } else { notInline = true }
            }
            let marker: InlineMarker = inline ? (notInline ? .partialInline : .inline) : .none
            return TopRow(
                name: context.table.printableNames[Int(node)], inline: marker,
                flat: graph.flat[Int(node)], cum: graph.cum[Int(node)])
        }
        header = ReportHeader(context: context, outputUnit: context.outputUnit(for: graph))
        prune = PruneFacts(trimmed: trimmed, total: context.total, prune: context.options.prune)
    }
}

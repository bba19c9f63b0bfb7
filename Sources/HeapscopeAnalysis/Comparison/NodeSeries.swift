import HeapscopeProfile

/// The flat and cum values of several profiles' nodes side by side, matched
/// by printable name (function name, plus file and line at finer
/// granularities), never by id or address, which differ between runs.
/// `diff` compares two profiles with it, `trend` a series.
public struct NodeSeries: Sendable {
    /// Node names, in order of first appearance.
    public private(set) var names: [String] = []
    /// `flat[row][profile]` and `cum[row][profile]`; 0 where a profile lacks the node.
    public private(set) var flat: [[Int64]] = []
    public private(set) var cum: [[Int64]] = []
    /// Each profile's untrimmed call graph: its nodes' flat and cum sums,
    /// without edges (nothing that compares profiles reads them).
    public let graphs: [CallGraph]

    /// Builds one untrimmed graph per context and lines up their nodes.
    public init(contexts: [ReportContext]) {
        graphs = Self.sums(of: contexts)
        var rowOf: [String: Int] = [:]
        for (column, (context, graph)) in zip(contexts, graphs).enumerated() {
            for node in graph.nodes {
                let name = context.table.printableNames[Int(node)]
                let row: Int
                if let existing = rowOf[name] {
                    row = existing
                } else {
                    row = names.count
                    rowOf[name] = row
                    names.append(name)
                    flat.append([Int64](repeating: 0, count: contexts.count))
                    cum.append([Int64](repeating: 0, count: contexts.count))
                }
                flat[row][column] &+= graph.flat[Int(node)]
                cum[row][column] &+= graph.cum[Int(node)]
            }
        }
    }

    /// One edgeless graph per context, built on up to one thread per core
    /// (a long series spends most of its time here), in context order.
    static func sums(of contexts: [ReportContext]) -> [CallGraph] {
        contexts.parallelMap { context in
            var options = context.buildOptions
            options.edges = false
            return CallGraph(profile: context.profile, table: context.table, options: options)
        }
    }
}

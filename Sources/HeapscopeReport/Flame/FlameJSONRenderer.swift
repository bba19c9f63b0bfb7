import HeapscopeAnalysis

/// The flame tree as nested JSON (`flame --format json`): each frame's
/// name, value per sample type (and base value in a diff), and children.
public enum FlameJSONRenderer {
    public static func json(_ tree: FlameTree) -> JSONValue {
        var childrenOf = [[Int]](repeating: [], count: tree.count)
        for node in 1..<max(tree.count, 1) { childrenOf[Int(tree.parent[node])].append(node) }
        let types = tree.sampleTypes.map(\.type)
        func frame(_ node: Int) -> JSONValue {
            var members: [(String, JSONValue)] = [("name", .string(node == 0 ? "all" : tree.name(node)))]
            members.append(("values", .object(types.indices.map { (types[$0], .int(tree.value(node, column: $0))) })))
            if tree.isDiff {
                members.append(("base_values", .object(types.indices.map { (types[$0], .int(tree.baseValue(node, column: $0))) })))
            }
            members.append(("children", .array(childrenOf[node].map(frame))))
            return .object(members)
        }
        return .object([
            ("view", .string("flame")),
            ("sample_types", .array(tree.sampleTypes.map { .object([("type", .string($0.type)), ("unit", .string($0.unit))]) })),
            ("sample_type", .string(types[tree.selectedColumn])),
            ("totals", .object(types.indices.map { (types[$0], .int(tree.totals[$0])) })),
            ("diff", .bool(tree.isDiff)),
            ("min_fraction", .double(tree.minFraction)),
            ("pruned_paths", .int(Int64(tree.prunedPaths))),
            ("root", frame(0)),
        ])
    }
}

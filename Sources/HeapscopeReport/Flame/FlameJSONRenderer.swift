import HeapscopeAnalysis

/// The flame tree as nested JSON (`flame --format json`): each frame's
/// name, value per sample type (and base value in a diff), and children.
public enum FlameJSONRenderer {
    /// The JSON document; each frame's children are made one at a time as
    /// it is written.
    public static func json(_ tree: FlameTree) -> JSONValue {
        var children = [[Int]](repeating: [], count: tree.count)
        for node in 1..<max(tree.count, 1) { children[Int(tree.parent[node])].append(node) }
        let childrenOf = children
        let types = tree.sampleTypes.map(\.type)
        @Sendable func frame(_ node: Int) -> JSONValue {
            var members: [(String, JSONValue)] = [("name", .string(node == 0 ? "all" : tree.name(node)))]
            members.append(("values", .object(types.indices.map { (types[$0], .int(tree.value(node, column: $0))) })))
            if tree.isDiff {
                members.append(("base_values", .object(types.indices.map { (types[$0], .int(tree.baseValue(node, column: $0))) })))
            }
            members.append(("children", JSONValue.lazy(childrenOf[node], frame)))
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

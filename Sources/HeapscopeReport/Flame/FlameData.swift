import HeapscopeAnalysis
import HeapscopeProfile

/// The flame tree as the compact JSON the page reads: flat arrays in
/// pre-order, `values[node * types + column]`.
enum FlameData {
    /// What counts as a significant change in a diff: at least
    /// `totalFraction` of the total width and `relativeChange` of the frame.
    /// Smaller changes are drawn neutral, so noise is never deep red.
    static let significantTotalFraction = 0.001
    static let significantRelativeChange = 0.05

    static func json(_ tree: FlameTree, title: String) -> String {
        var out = "{\"title\":\(JSONValue.quoted(title)),\"types\":["
        out += tree.sampleTypes.map { "{\"type\":\(JSONValue.quoted($0.type)),\"unit\":\(JSONValue.quoted($0.unit.lowercased()))}" }
            .joined(separator: ",")
        out += "],\"selected\":\(tree.selectedColumn),\"totals\":[\(tree.totals.map(String.init).joined(separator: ","))]"
        out += ",\"diff\":\(tree.isDiff),\"minFraction\":\(tree.minFraction),\"prunedPaths\":\(tree.prunedPaths)"
        out += ",\"significance\":{\"total\":\(significantTotalFraction),\"relative\":\(significantRelativeChange)}"
        out += ",\"names\":[" + tree.names.map(JSONValue.quoted).joined(separator: ",") + "]"
        out += ",\"name\":[" + tree.nameIndex.map(String.init).joined(separator: ",") + "]"
        out += ",\"parent\":[" + tree.parent.map(String.init).joined(separator: ",") + "]"
        out += ",\"values\":[" + tree.values.map(String.init).joined(separator: ",") + "]"
        out += ",\"base\":[" + tree.baseValues.map(String.init).joined(separator: ",") + "]}"
        return out
    }
}

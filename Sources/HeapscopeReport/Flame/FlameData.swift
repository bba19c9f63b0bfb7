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

    /// Writes the JSON, safe inside a `<script>` element
    /// (`MarkupText.scriptSafeJSON`: only its strings can hold `<`, `>` or `&`).
    static func write(_ tree: FlameTree, title: String, to out: inout TextSink) {
        func string(_ text: String) -> String { MarkupText.scriptSafeJSON(JSONValue.quoted(text)) }
        func numbers<Number: BinaryInteger>(_ name: String, _ values: [Number]) {
            out.write(",\"\(name)\":[")
            for (index, value) in values.enumerated() {
                if index > 0 { out.write(byte: UInt8(ascii: ",")) }
                out.write(decimal: Int64(value))
            }
            out.write(byte: UInt8(ascii: "]"))
        }
        out.write("{\"title\":\(string(title)),\"types\":[")
        out.write(
            tree.sampleTypes.map { "{\"type\":\(string($0.type)),\"unit\":\(string($0.unit.lowercased()))}" }
                .joined(separator: ","))
        out.write("],\"selected\":\(tree.selectedColumn),\"totals\":[\(tree.totals.map(String.init).joined(separator: ","))]")
        out.write(",\"diff\":\(tree.isDiff),\"minFraction\":\(tree.minFraction),\"prunedPaths\":\(tree.prunedPaths)")
        out.write(",\"significance\":{\"total\":\(significantTotalFraction),\"relative\":\(significantRelativeChange)}")
        out.write(",\"names\":[")
        for (index, name) in tree.names.enumerated() {
            if index > 0 { out.write(byte: UInt8(ascii: ",")) }
            out.write(string(name))
        }
        out.write(byte: UInt8(ascii: "]"))
        numbers("name", tree.nameIndex)
        numbers("parent", tree.parent)
        numbers("values", tree.values)
        numbers("base", tree.baseValues)
        out.write(byte: UInt8(ascii: "}"))
    }
}

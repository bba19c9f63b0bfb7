import Foundation
import HeapscopeAnalysis

/// Renders the call graph as go tool pprof's `-dot` output (pprof's
/// `ComposeDot`), or as JSON.
public enum DotRenderer {
    static let legendURLLine = "See https://git.io/JfYMW for how to read the graph"

    /// The legend's lines: profile facts, filters, pruning, then the help line.
    public static func legendLines(_ view: DotView) -> LegendLines {
        var lines = Legend.lines(view.header, prune: view.prune, showEdges: true)
        lines.tail += ["", legendURLLine]
        return lines
    }

    public static func dot(_ view: DotView) -> String {
        var out = TextSink()
        write(view, to: &out)
        return out.text
    }

    /// Writes the DOT text one node and one edge at a time.
    public static func write(_ view: DotView, to out: inout TextSink) {
        let formatter = ValueFormatter(view.header)
        let title = view.title ?? ""
        out.write("digraph \"\(escape(title.isEmpty ? "unnamed" : title))\" {\n")
        out += "node [style=filled fillcolor=\"#f8f8f8\"]\n"
        var labels = legendLines(view).makeIterator()
        let first = escape(labels.next() ?? "")
        out += "subgraph cluster_L { \"\(first)\" [shape=box fontsize=16 label=\"\(first)"
        while let line = labels.next() { out += "\\l" + escape(line) }
        out += "\\l\""
        if !title.isEmpty { out += " tooltip=\"\(escape(title))\"" }
        out += "] }\n"

        let maxFlat = view.nodes.reduce(Int64(0)) { max($0, magnitude($1.flat)) }
        let total = view.header.total
        let scoreDenominator = Double(magnitude(total))
        for (index, node) in view.nodes.enumerated() {
            let id = index + 1
            let flatText = formatter.format(node.flat)
            var label = node.labelLines.map(escape).joined(separator: "\\n") + "\\n"
            label += node.flat != 0 ? "\(flatText) (\(percent(node.flat, total)))" : "0"
            var cumText = flatText
            if node.cum != node.flat {
                cumText = formatter.format(node.cum)
                label += (node.flat != 0 ? "\\n" : " ") + "of \(cumText) (\(percent(node.cum, total)))"
            }
            var fontSize = 8
            let flatRatio = Double(magnitude(node.flat)) / Double(maxFlat)
            if maxFlat != 0 && node.flat != 0 && flatRatio >= 0 && flatRatio <= 1 {
                fontSize += Int((16.0 * flatRatio.squareRoot()).rounded(.up))
            }
            let score = Double(node.cum) / scoreDenominator
            out +=
                "N\(id) [label=\"\(label)\" id=\"node\(id)\" fontsize=\(fontSize) shape=box"
                + " tooltip=\"\(escape(node.name)) (\(cumText))\" color=\"\(dotColor(score, background: false))\""
                + " fillcolor=\"\(dotColor(score, background: true))\"]\n"
            for nodelet in node.labelNodelets {
                let source = "N\(id)_\(nodelet.index)"
                let weight = formatter.format(nodelet.weight)
                out +=
                    "\(source) [label = \"\(nodelet.labels.map(escape).joined(separator: "\\n"))\" id=\"\(source)\" fontsize=8 shape=box3d tooltip=\"\(weight)\"]\n"
                out += "N\(id) -> \(source) [label=\" \(weight)\" weight=100 tooltip=\"\(weight)\" labeltooltip=\"\(weight)\"]\n"
                numericNodelets(nodelet.numeric, source: source, formatter: formatter, to: &out)
            }
            numericNodelets(node.numericNodelets, source: "N\(id)", formatter: formatter, to: &out)
        }

        for edge in view.edges {
            let source = view.nodes[edge.source]
            let weight = formatter.format(edge.weight)
            var attributes = "label=\" \(weight)\(edge.inline ? "\\n (inline)" : "")\""
            if total != 0 {
                let edgeWeight = 1 + min(magnitude(goDivide(edge.weight &* 100, total)), 100)
                if edgeWeight > 1 { attributes += " weight=\(edgeWeight)" }
                let penWidth = 1 + min(magnitude(goDivide(edge.weight &* 5, total)), 5)
                if penWidth > 1 { attributes += " penwidth=\(penWidth)" }
                attributes += " color=\"\(dotColor(Double(edge.weight) / scoreDenominator, background: false))\""
            }
            let tooltip = "\"\(escape(source.name)) \(edge.residual ? "..." : "->") \(escape(edge.destinationName)) (\(weight))\""
            attributes += " tooltip=\(tooltip) labeltooltip=\(tooltip)"
            if edge.residual { attributes += " style=\"dotted\"" }
            if source.hasNodelets { attributes += " minlen=2" }
            out += "N\(edge.source + 1) -> N\(edge.destination + 1) [\(attributes)]\n"
        }
        out += "}\n"
    }

    /// The graph as data: nodes (`id` as in the DOT output) with values and
    /// nodelets, and edges between node ids.
    public static func json(_ view: DotView) -> JSONValue {
        let formatter = ValueFormatter(view.header)
        @Sendable func value(_ name: String, _ raw: Int64) -> [(String, JSONValue)] {
            JSONValue.measure(name, raw, formatter: formatter, total: view.header.total)
        }
        @Sendable func numeric(_ nodelets: [DotView.NumericNodelet]) -> JSONValue {
            .array(
                nodelets.map {
                    .object([
                        ("label", .string($0.name)), ("weight", .int($0.weight)),
                        ("weight_text", .string(formatter.format($0.weight))), ("cum", .bool($0.dotted)),
                    ])
                })
        }
        let nodes = JSONValue.lazy(view.nodes.indices) { index -> JSONValue in
            let node = view.nodes[index]
            return .object(
                [
                    ("id", .string("N\(index + 1)")), ("name", .string(node.name)),
                    ("label", .array(node.labelLines.map { .string($0) })),
                ]
                    + value("flat", node.flat) + value("cum", node.cum)
                    + [
                        (
                            "label_nodelets",
                            .array(
                                node.labelNodelets.map {
                                    .object([
                                        ("labels", .array($0.labels.map { .string($0) })), ("weight", .int($0.weight)),
                                        ("weight_text", .string(formatter.format($0.weight))), ("numeric", numeric($0.numeric)),
                                    ])
                                })
                        ),
                        ("numeric_nodelets", numeric(node.numericNodelets)),
                    ])
        }
        let edges = JSONValue.lazy(view.edges) { edge -> JSONValue in
            .object(
                [("source", .string("N\(edge.source + 1)")), ("destination", .string("N\(edge.destination + 1)"))]
                    + value("weight", edge.weight)
                    + [("residual", .bool(edge.residual)), ("inline", .bool(edge.inline))])
        }
        return .object([
            ("view", .string("dot")),
            ("header", JSONValue.header(view.header, prune: view.prune)),
            ("nodes", nodes),
            ("edges", edges),
        ])
    }

    static func numericNodelets(_ nodelets: [DotView.NumericNodelet], source: String, formatter: ValueFormatter, to out: inout TextSink) {
        for nodelet in nodelets {
            let id = "N\(source)_\(nodelet.index)"
            let weight = formatter.format(nodelet.weight)
            out += "\(id) [label = \"\(escape(nodelet.name))\" id=\"\(id)\" fontsize=8 shape=box3d tooltip=\"\(weight)\"]\n"
            out +=
                "\(source) -> \(id) [label=\" \(weight)\" weight=100 tooltip=\"\(weight)\" labeltooltip=\"\(weight)\"\(nodelet.dotted ? " style=\"dotted\"" : "")]\n"
        }
    }

    static func percent(_ value: Int64, _ total: Int64) -> String {
        Measurement.percentage(value, of: total).trimmingCharacters(in: .whitespaces)
    }

    /// Escapes text for a double-quoted DOT string: `\` and `"` are
    /// backslashed, a newline becomes `\l` (pprof's escapeForDot). Beyond
    /// pprof, control characters, which Graphviz would pass into SVG where
    /// XML forbids them, are shown as `\xNN`. Other non-ASCII text stays UTF-8
    /// (Graphviz's default charset, and what pprof writes for Go's `[…]`).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\l"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7f...0x9f).contains(value) || value == 0xfffe || value == 0xffff {
                    out += "\\\\x" + String(format: "%02x", value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// pprof's `dotColor`: a score in [-1, 1] to grey (0), red (> 0) or
    /// green (< 0); light for backgrounds, dark for foregrounds.
    public static func dotColor(_ score: Double, background: Bool) -> String {
        var saturation = background ? 0.1 : 1.0
        let value = background ? 0.93 : 0.7
        var score = score.isNaN ? 0 : max(-1.0, min(1.0, score))
        if abs(score) < 0.2 { saturation *= abs(score) / 0.2 }
        if score > 0 { score = pow(score, 0.3) }
        if score < 0 { score = -pow(-score, 0.3) }
        let r: Double
        let g: Double
        if score < 0 {
            g = value
            r = value * (1 + saturation * score)
        } else {
            r = value
            g = value * (1 - saturation * score)
        }
        let b = value * (1 - saturation)
        return "#" + [r, g, b].map { String(format: "%02x", goUInt8($0 * 255)) }.joined()
    }

    /// Go's integer division, which wraps on `min / -1` instead of trapping.
    static func goDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a.dividedReportingOverflow(by: b).partialValue
    }

    /// Go's `uint8(f)`: truncation, wrapping instead of trapping.
    static func goUInt8(_ value: Double) -> UInt8 {
        guard value.isFinite, abs(value) < 9.2e18 else { return 0 }
        return UInt8(truncatingIfNeeded: Int64(value))
    }
}

/// |value|, wrapping for Int64.min as Go's abs64 does.
private func magnitude(_ value: Int64) -> Int64 { value < 0 ? 0 &- value : value }

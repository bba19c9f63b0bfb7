import Foundation
import HeapscopeAnalysis

/// A static flame graph (icicle, root on top) as SVG for pull requests and
/// docs: one rectangle per frame wider than half a pixel, its name when it
/// fits, and a `<title>` tooltip with the value and percentages.
public enum FlameSVGRenderer {
    static let width = 1200.0
    static let row = 18.0
    static let top = 44.0

    public static func render(_ tree: FlameTree, title: String) -> String {
        var out = TextSink()
        write(tree, title: title, to: &out)
        return out.text
    }

    /// Writes the SVG one frame at a time: the layout is worked out first,
    /// since the height comes before the frames.
    public static func write(_ tree: FlameTree, title: String, to out: inout TextSink) {
        let column = tree.selectedColumn
        let unit = tree.sampleTypes[column].unit.lowercased()
        var depthOf = [Int](repeating: 0, count: tree.count)
        var xOf = [Double](repeating: 0, count: tree.count)
        var widthOf = xOf
        var nextX = xOf
        let rootWidth = Double(tree.width(0, column: column))
        let scale = rootWidth > 0 ? width / rootWidth : 0
        var maxDepth = 0
        for node in 0..<tree.count {
            let parent = Int(tree.parent[node])
            if parent >= 0 {
                depthOf[node] = depthOf[parent] + 1
                xOf[node] = nextX[parent]
                widthOf[node] = min(Double(tree.width(node, column: column)) * scale, xOf[parent] + widthOf[parent] - xOf[node])
                nextX[parent] += widthOf[node]
            } else {
                widthOf[node] = width
            }
            nextX[node] = xOf[node]
            guard widthOf[node] >= 0.5 else { continue }
            maxDepth = max(maxDepth, depthOf[node])
        }
        let height = top + Double(maxDepth + 1) * row + 24
        let type = tree.sampleTypes[column].type
        let subtitle =
            tree.isDiff
            ? "\(type): red grew, blue shrank, grey: change under the significance floor; width: base + new"
            : "\(type): total \(Measurement.label(tree.totals[column], unit: unit)); width: cumulative value"
        out.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width) + 20)" height="\(Int(height))" viewBox="0 0 \(Int(width) + 20) \(Int(height))" font-family="DejaVu Sans Mono, monospace" font-size="11">
            <rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>
            <text x="10" y="18" font-size="14" font-family="DejaVu Sans, sans-serif">\(MarkupText.escape(singleLine((tree.isDiff ? "Flame graph diff: " : "Flame graph: ") + title)))</text>
            <text x="10" y="34" fill="#555" font-family="DejaVu Sans, sans-serif">\(MarkupText.escape(subtitle))</text>
            <g transform="translate(10,0)">

            """)
        for node in 0..<tree.count where widthOf[node] >= 0.5 {
            out.write(
                frame(tree, node, column: column, unit: unit, x: xOf[node], y: top + Double(depthOf[node]) * row, width: widthOf[node]))
        }
        out.write("</g>\n</svg>\n")
    }

    private static func frame(_ tree: FlameTree, _ node: Int, column: Int, unit: String, x: Double, y: Double, width: Double) -> String {
        let name = node == 0 ? "all" : tree.name(node)
        let value = tree.value(node, column: column)
        var tooltip = name + "\n"
        let fill: String
        if tree.isDiff {
            let before = tree.baseValue(node, column: column)
            tooltip +=
                "base \(Measurement.label(before, unit: unit)) → new \(Measurement.label(value, unit: unit))"
                + " (\(value >= before ? "+" : "")\(Measurement.label(value - before, unit: unit)))"
            if before == 0 && value != 0 && node != 0 { tooltip += "\nonly in the new profile" }
            if value == 0 && before != 0 && node != 0 { tooltip += "\nonly in the base profile" }
            fill = FlameColour.diff(now: value, before: before, totalWidth: tree.width(0, column: column))
        } else {
            let parent = Int(tree.parent[node])
            tooltip += "\(Measurement.label(value, unit: unit)) — \(percent(value, tree.totals[column])) of total"
            if parent >= 0 { tooltip += ", \(percent(value, tree.value(parent, column: column))) of parent" }
            fill = FlameColour.warm(name)
        }
        let characters = Int((width - 6) / 6.7)
        var label = ""
        if characters >= 3 {
            let flat = singleLine(name)
            label = flat.count <= characters ? flat : String(flat.prefix(characters - 1)) + "…"
        }
        let position = "x=\"\(format(x))\" y=\"\(format(y))\""
        return
            "<g><title>\(MarkupText.escape(tooltip))</title><rect \(position) width=\"\(format(max(width - 1, 0.5)))\" height=\"\(Int(row) - 1)\" rx=\"2\" fill=\"\(fill)\"/>"
            + (label.isEmpty ? "" : "<text x=\"\(format(x + 3))\" y=\"\(format(y + 12.5))\">\(MarkupText.escape(label))</text>") + "</g>\n"
    }

    private static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    private static func percent(_ value: Int64, _ total: Int64) -> String {
        guard total != 0 else { return "-" }
        return String(format: "%.2f%%", abs(Double(value) / Double(total)) * 100)
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

/// The colours of flame frames, shared by the SVG and (as the same rules in
/// JavaScript) the HTML page.
enum FlameColour {
    /// A stable warm colour from the name.
    static func warm(_ name: String) -> String {
        var hash: UInt32 = 0
        for unit in name.utf16 { hash = hash &* 31 &+ UInt32(unit) }
        return "hsl(\(hash % 55),\(70 + hash % 20)%,\(58 + (hash >> 8) % 14)%)"
    }

    /// Red for growth, blue for shrinkage, deeper as the relative change
    /// grows; grey under the significance floor.
    static func diff(now: Int64, before: Int64, totalWidth: Int64) -> String {
        let delta = Double(now) - Double(before)
        let relative = delta / max(abs(Double(now)), abs(Double(before)), 1)
        if abs(delta) < FlameData.significantTotalFraction * Double(totalWidth) || abs(relative) < FlameData.significantRelativeChange {
            return "hsl(0,0%,86%)"
        }
        let light = Int((88 - 40 * min(1, abs(relative))).rounded())
        return delta > 0 ? "hsl(0,85%,\(light)%)" : "hsl(215,85%,\(light)%)"
    }
}

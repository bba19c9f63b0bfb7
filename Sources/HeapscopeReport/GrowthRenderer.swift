import Foundation
import HeapscopeAnalysis

/// Renders the growth table of `heapscope diff` as text or JSON, and the
/// summary line of each exceeded growth limit.
public enum GrowthRenderer {
    /// The table. With `color`, growth is red and shrinkage green (ANSI).
    /// Values print in `outputUnit`; "minimum" (the report default) scales
    /// each value on its own, as rows of a diff span very different sizes.
    public static func text(_ view: GrowthView, outputUnit: String, color: Bool) -> String {
        var out = TextSink()
        write(view, outputUnit: outputUnit, color: color, to: &out)
        return out.text
    }

    /// Writes the table one row at a time.
    public static func write(_ view: GrowthView, outputUnit: String, color: Bool, to out: inout TextSink) {
        let formatter = formatter(view, outputUnit: outputUnit)
        let order = view.order
        var lines: [String] = []
        if let file = view.newFacts.file ?? view.baseFacts.file { lines.append("File: " + file) }
        lines.append("Type: \(view.sampleType)")
        lines.append("Base total: \(formatter.format(view.baseTotal))" + time(view.baseFacts))
        lines.append("New total: \(formatter.format(view.newTotal))" + time(view.newFacts))
        lines.append("Net change: \(formatter.formatSigned(view.netChange)) (\(percent(view.netChangePercent) ?? "n/a"))")
        if view.droppedNodes > 0 {
            lines.append(
                "Dropped \(view.droppedNodes) node\(view.droppedNodes > 1 ? "s" : "") (|delta| < \(formatter.format(view.nodeCutoff)))")
        }
        if view.rows.count < view.keptNodes {
            lines.append("Showing top \(view.rows.count) nodes out of \(view.keptNodes)")
        }
        let measure = order == .cum ? "cum" : "flat"
        lines.append("\(pad("base " + measure, 10)) \(pad("new " + measure, 10)) \(pad("delta", 10)) \(pad("change", 9))")
        Legend.write(lines, to: &out)
        for row in view.rows {
            let delta = row.delta(order)
            var change = "\(pad(formatter.formatSigned(delta), 10)) \(pad(changeText(row, order), 9))"
            if color && delta != 0 {
                change = (delta > 0 ? "\u{1B}[31m" : "\u{1B}[32m") + change + "\u{1B}[0m"
            }
            out.write("\(pad(formatter.format(row.base(order)), 10)) \(pad(formatter.format(row.new(order)), 10)) \(change)  ")
            out.write(row.name)
            out.write("\n")
        }
    }

    /// The same data as JSON: every value in base units and as text.
    public static func json(_ view: GrowthView, outputUnit: String, breaches: [GrowthBreach]) -> JSONValue {
        let formatter = formatter(view, outputUnit: outputUnit)
        let order = view.order
        func side(_ facts: ProfileFacts, _ total: Int64) -> JSONValue {
            .object([
                ("file", facts.file.map(JSONValue.string) ?? .null),
                ("time", facts.timeNanos == 0 ? .null : .string(JSONValue.isoTime(facts.timeNanos))),
                ("total", .int(total)),
                ("total_text", .string(formatter.format(total))),
            ])
        }
        let rows = JSONValue.lazy(view.rows) { row -> JSONValue in
            .object([
                ("name", .string(row.name)),
                ("status", .string(row.status(order).rawValue)),
                ("base", .int(row.base(order))),
                ("base_text", .string(formatter.format(row.base(order)))),
                ("new", .int(row.new(order))),
                ("new_text", .string(formatter.format(row.new(order)))),
                ("delta", .int(row.delta(order))),
                ("delta_text", .string(formatter.formatSigned(row.delta(order)))),
                (
                    "change_percent",
                    row.base(order) == 0 ? .null : .double(JSONValue.percent(row.delta(order), Int64(clamping: row.base(order).magnitude)))
                ),
                ("base_flat", .int(row.baseFlat)),
                ("base_cum", .int(row.baseCum)),
                ("new_flat", .int(row.newFlat)),
                ("new_cum", .int(row.newCum)),
            ])
        }
        return .object([
            ("view", .string("diff")),
            ("sample_type", .string(view.sampleType)),
            ("sample_unit", .string(view.sampleUnit)),
            ("measure", .string(order == .cum ? "cum" : "flat")),
            ("base", side(view.baseFacts, view.baseTotal)),
            ("new", side(view.newFacts, view.newTotal)),
            ("net_change", .int(view.netChange)),
            ("net_change_text", .string(formatter.formatSigned(view.netChange))),
            (
                "net_change_percent",
                view.baseTotal == 0 ? .null : .double(JSONValue.percent(view.netChange, Int64(clamping: view.baseTotal.magnitude)))
            ),
            ("dropped_nodes", .int(Int64(view.droppedNodes))),
            ("node_cutoff", .int(view.nodeCutoff)),
            ("nodes_after_fraction_cut", .int(Int64(view.keptNodes))),
            ("shown_nodes", .int(Int64(view.rows.count))),
            ("rows", rows),
            (
                "breaches",
                .array(
                    breaches.map { breach in
                        .object([
                            ("node", breach.node.map(JSONValue.string) ?? .null),
                            ("growth", .int(breach.growth)),
                            ("growth_text", .string(formatter.formatSigned(breach.growth))),
                            ("limit", .int(breach.limit)),
                            ("limit_text", .string(formatter.format(breach.limit))),
                        ])
                    })
            ),
        ])
    }

    /// One line per exceeded limit, for standard error.
    public static func breachLine(_ breach: GrowthBreach, view: GrowthView, outputUnit: String) -> String {
        let formatter = formatter(view, outputUnit: outputUnit)
        let limit = formatter.format(breach.limit) + limitSuffix(breach.spec)
        if let node = breach.node {
            return
                "heapscope: max-node-growth exceeded: \(node) grew \(formatter.formatSigned(breach.growth)) \(view.sampleType) (flat), over the limit of \(limit)"
        }
        return "heapscope: max-growth exceeded: \(view.sampleType) grew \(formatter.formatSigned(breach.growth))"
            + " (\(percent(view.netChangePercent) ?? "from 0")), over the limit of \(limit)"
    }

    static func formatter(_ view: GrowthView, outputUnit: String) -> ValueFormatter {
        ValueFormatter(sampleUnit: view.sampleUnit, eachValueIn: outputUnit)
    }

    static func percent(_ value: Double?) -> String? {
        value.map { String(format: "%+.1f%%", $0) }
    }

    static func changeText(_ row: GrowthRow, _ order: NodeOrder) -> String {
        switch row.status(order) {
        case .new: return "new"
        case .gone: return "gone"
        case .changed: return percent(row.changePercent(order)) ?? ""
        }
    }

    static func limitSuffix(_ spec: SizeLimit) -> String {
        if case .percent(let value) = spec {
            return " (\(String(format: "%g", value))% of the base total)"
        }
        return ""
    }

    static func time(_ facts: ProfileFacts) -> String {
        facts.timeNanos == 0 ? "" : " at " + JSONValue.isoTime(facts.timeNanos)
    }
}

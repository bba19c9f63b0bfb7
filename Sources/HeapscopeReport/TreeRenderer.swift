import HeapscopeAnalysis

/// Renders callers and callees as go tool pprof's `-tree` and `-peek` text.
public enum TreeRenderer {
    static let rule = "----------------------------------------------------------+-------------"
    // pprof prints its tabwriter cell markers verbatim here.
    static let columns = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t "

    public static func text(_ view: TreeView) -> String {
        let formatter = ValueFormatter(view.header)
        var lines = Legend.lines(view.header, prune: view.prune, showEdges: false)
        lines += [rule, columns]
        func neighbor(_ edge: TreeView.Neighbor, cum: Int64) -> String {
            "\(pad(formatter.format(edge.weight), 50)) \(Measurement.percentage(edge.weight, of: cum)) |   \(edge.name)\(edge.inline ? " (inline)" : "")"
        }
        var flatSum: Int64 = 0
        for entry in view.entries {
            lines.append(rule)
            lines += entry.callers.map { neighbor($0, cum: entry.cum) }
            flatSum &+= entry.flat
            lines.append(
                "\(pad(formatter.format(entry.flat), 10)) \(Measurement.percentage(entry.flat, of: view.header.total)) "
                    + "\(Measurement.percentage(flatSum, of: view.header.total)) \(pad(formatter.format(entry.cum), 10)) "
                    + "\(Measurement.percentage(entry.cum, of: view.header.total))                | \(entry.name)")
            lines += entry.callees.map { neighbor($0, cum: entry.cum) }
        }
        if view.hasNodes { lines.append(rule) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ view: TreeView, name: String) -> JSONValue {
        let formatter = ValueFormatter(view.header)
        func neighbors(_ list: [TreeView.Neighbor], cum: Int64) -> JSONValue {
            .array(
                list.map { edge in
                    .object([
                        ("name", .string(edge.name)),
                        ("inline", .bool(edge.inline)),
                        ("weight", .int(edge.weight)),
                        ("weight_text", .string(formatter.format(edge.weight))),
                        ("percent_of_cum", .double(JSONValue.percent(edge.weight, cum))),
                    ])
                })
        }
        var flatSum: Int64 = 0
        let entries: [JSONValue] = view.entries.map { entry in
            flatSum &+= entry.flat
            let total = view.header.total
            return .object(
                [("name", .string(entry.name))]
                    + JSONValue.measure("flat", entry.flat, formatter: formatter, total: total)
                    + [("sum_percent", .double(JSONValue.percent(flatSum, total)))]
                    + JSONValue.measure("cum", entry.cum, formatter: formatter, total: total)
                    + [
                        ("callers", neighbors(entry.callers, cum: entry.cum)),
                        ("callees", neighbors(entry.callees, cum: entry.cum)),
                    ])
        }
        return .object([
            ("view", .string(name)),
            ("header", JSONValue.header(view.header, prune: view.prune)),
            ("entries", .array(entries)),
        ])
    }
}

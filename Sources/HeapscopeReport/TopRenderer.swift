import HeapscopeAnalysis

/// Renders the top table as go tool pprof's `-top` text.
public enum TopRenderer {
    public static func text(_ view: TopView) -> String {
        let formatter = ValueFormatter(view.header)
        var lines = Legend.lines(view.header, prune: view.prune, showEdges: false)
        lines.append("      flat  flat%   sum%        cum   cum%")
        var flatSum: Int64 = 0
        for row in view.rows {
            flatSum &+= row.flat
            let marker = row.inline == .none ? "" : " " + row.inline.rawValue
            lines.append(
                "\(pad(formatter.format(row.flat), 10)) \(Measurement.percentage(row.flat, of: view.header.total)) "
                    + "\(Measurement.percentage(flatSum, of: view.header.total)) \(pad(formatter.format(row.cum), 10)) "
                    + "\(Measurement.percentage(row.cum, of: view.header.total))  \(row.name)\(marker)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ view: TopView) -> JSONValue {
        let formatter = ValueFormatter(view.header)
        var flatSum: Int64 = 0
        let rows: [JSONValue] = view.rows.map { row in
            flatSum &+= row.flat
            let total = view.header.total
            return .object(
                [
                    ("name", .string(row.name)),
                    ("inline", .bool(row.inline == .inline)),
                    ("partial_inline", .bool(row.inline == .partialInline)),
                ] + JSONValue.measure("flat", row.flat, formatter: formatter, total: total)
                    + [("sum_percent", .double(JSONValue.percent(flatSum, total)))]
                    + JSONValue.measure("cum", row.cum, formatter: formatter, total: total))
        }
        return .object([
            ("view", .string("top")),
            ("header", JSONValue.header(view.header, prune: view.prune)),
            ("rows", .array(rows)),
        ])
    }
}

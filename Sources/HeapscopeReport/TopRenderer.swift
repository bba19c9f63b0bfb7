import HeapscopeAnalysis

/// Renders the top table as go tool pprof's `-top` text.
public enum TopRenderer {
    public static func text(_ view: TopView) -> String {
        var out = TextSink()
        write(view, to: &out)
        return out.text
    }

    /// Writes the text one row at a time.
    public static func write(_ view: TopView, to out: inout TextSink) {
        let formatter = ValueFormatter(view.header)
        Legend.write(Legend.lines(view.header, prune: view.prune, showEdges: false), to: &out)
        out.write("      flat  flat%   sum%        cum   cum%\n")
        var flatSum: Int64 = 0
        for row in view.rows {
            flatSum &+= row.flat
            let marker = row.inline == .none ? "" : " " + row.inline.rawValue
            out.write(
                "\(pad(formatter.format(row.flat), 10)) \(Measurement.percentage(row.flat, of: view.header.total)) "
                    + "\(Measurement.percentage(flatSum, of: view.header.total)) \(pad(formatter.format(row.cum), 10)) "
                    + "\(Measurement.percentage(row.cum, of: view.header.total))  ")
            out.write(row.name)
            out.write(marker + "\n")
        }
    }

    /// The JSON document; its rows are made one at a time as it is written.
    public static func json(_ view: TopView) -> JSONValue {
        let formatter = ValueFormatter(view.header)
        let total = view.header.total
        let flatSums = JSONValue.runningSums(view.rows.map(\.flat))
        let rows = JSONValue.lazy(view.rows.indices) { index -> JSONValue in
            let row = view.rows[index]
            return .object(
                [
                    ("name", .string(row.name)),
                    ("inline", .bool(row.inline == .inline)),
                    ("partial_inline", .bool(row.inline == .partialInline)),
                ] + JSONValue.measure("flat", row.flat, formatter: formatter, total: total)
                    + [("sum_percent", .double(JSONValue.percent(flatSums[index], total)))]
                    + JSONValue.measure("cum", row.cum, formatter: formatter, total: total))
        }
        return .object([
            ("view", .string("top")),
            ("header", JSONValue.header(view.header, prune: view.prune)),
            ("rows", rows),
        ])
    }
}

import HeapscopeAnalysis

/// Renders callers and callees as go tool pprof's `-tree` and `-peek` text.
public enum TreeRenderer {
    static let rule = "----------------------------------------------------------+-------------"
    // pprof prints its tabwriter cell markers verbatim here.
    static let columns = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t "

    public static func text(_ view: TreeView) -> String {
        var out = TextSink()
        write(view, to: &out)
        return out.text
    }

    /// Writes the text one entry at a time.
    public static func write(_ view: TreeView, to out: inout TextSink) {
        let formatter = ValueFormatter(view.header)
        Legend.write(Legend.lines(view.header, prune: view.prune, showEdges: false), to: &out)
        Legend.write([rule, columns], to: &out)
        func neighbor(_ edge: TreeView.Neighbor, cum: Int64) {
            out.write("\(pad(formatter.format(edge.weight), 50)) \(Measurement.percentage(edge.weight, of: cum)) |   ")
            out.write(edge.name)
            out.write(edge.inline ? " (inline)\n" : "\n")
        }
        var flatSum: Int64 = 0
        for entry in view.entries {
            out.write(rule + "\n")
            for caller in entry.callers { neighbor(caller, cum: entry.cum) }
            flatSum &+= entry.flat
            out.write(
                "\(pad(formatter.format(entry.flat), 10)) \(Measurement.percentage(entry.flat, of: view.header.total)) "
                    + "\(Measurement.percentage(flatSum, of: view.header.total)) \(pad(formatter.format(entry.cum), 10)) "
                    + "\(Measurement.percentage(entry.cum, of: view.header.total))                | ")
            out.write(entry.name)
            out.write("\n")
            for callee in entry.callees { neighbor(callee, cum: entry.cum) }
        }
        if view.hasNodes { out.write(rule + "\n") }
    }

    /// The JSON document; its entries are made one at a time as it is written.
    public static func json(_ view: TreeView, name: String) -> JSONValue {
        let formatter = ValueFormatter(view.header)
        @Sendable func neighbors(_ list: [TreeView.Neighbor], cum: Int64) -> JSONValue {
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
        let total = view.header.total
        let flatSums = JSONValue.runningSums(view.entries.map(\.flat))
        let entries = JSONValue.lazy(view.entries.indices) { index -> JSONValue in
            let entry = view.entries[index]
            return .object(
                [("name", .string(entry.name))]
                    + JSONValue.measure("flat", entry.flat, formatter: formatter, total: total)
                    + [("sum_percent", .double(JSONValue.percent(flatSums[index], total)))]
                    + JSONValue.measure("cum", entry.cum, formatter: formatter, total: total)
                    + [
                        ("callers", neighbors(entry.callers, cum: entry.cum)),
                        ("callees", neighbors(entry.callees, cum: entry.cum)),
                    ])
        }
        return .object([
            ("view", .string(name)),
            ("header", JSONValue.header(view.header, prune: view.prune)),
            ("entries", entries),
        ])
    }
}

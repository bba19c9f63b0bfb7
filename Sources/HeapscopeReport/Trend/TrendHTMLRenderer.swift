import HeapscopeAnalysis

/// `heapscope trend --format html`: one self-contained page (inline SVG
/// charts and styles, no script, nothing fetched) with the total over time
/// and, for each leak suspect, its chart, verdict and reason, so a leak
/// investigation can be shared as one file.
public enum TrendHTMLRenderer {
    public static func render(_ view: TrendView, unit: String, title: String) -> String {
        var out = TextSink()
        write(view, unit: unit, title: title, to: &out)
        return out.text
    }

    /// Writes the page one section at a time.
    public static func write(_ view: TrendView, unit: String, title: String, to out: inout TextSink) {
        let formatter = TrendRenderer.formatter(view, unit: unit)
        let suspects = view.suspects
        MarkupText.writePage(
            title: "Heap trend: " + title, contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'", style: style, to: &out
        ) { body in
            body +=
                "<h1>\(MarkupText.escape("Heap trend: " + title))</h1>\n<pre class=\"facts\">"
                + MarkupText.escape(
                    TrendRenderer.header(view, formatter: formatter).joined(separator: "\n").trimmingCharacters(in: .newlines))
                + "</pre>\n"
            body += section(view.total, view: view, formatter: formatter, heading: "Total \(view.sampleType)")
            body +=
                suspects.isEmpty
                ? "<h2>No leak suspects</h2>\n<p>Nothing grows steadily above the noise floor.</p>\n"
                : "<h2>Leak suspects (\(suspects.count) growing, steadiest and largest first)</h2>\n"
            for suspect in suspects {
                body += section(suspect, view: view, formatter: formatter, heading: suspect.name)
            }
            let others = view.nodes.filter { $0.verdict != .growing && $0.verdict != .stable }
            if !others.isEmpty {
                body += "<h2>Other changes</h2>\n<table>\n<tr><th>verdict</th><th>first</th><th>last</th><th>delta</th><th>name</th></tr>\n"
                for node in others.prefix(50) {
                    body +=
                        "<tr><td class=\"\(node.verdict.rawValue)\">\(node.verdict.rawValue)</td><td>\(formatter.format(node.stats.first))</td>"
                        + "<td>\(formatter.format(node.stats.last))</td><td>\(formatter.formatSigned(node.stats.delta))</td>"
                        + "<td class=\"name\">\(MarkupText.escape(node.name))</td></tr>\n"
                }
                body += "</table>\n"
            }
            body += "<p>Made by heapscope.</p>"
        }
    }

    static let style = """
        body { font: 13px/1.45 system-ui, sans-serif; margin: 16px 24px; color: #222; max-width: 980px; }
        h1 { font-size: 17px; word-break: break-all; } h2 { font-size: 15px; margin-top: 22px; }
        h3 { font-size: 13px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; margin: 16px 0 2px; }
        pre.facts { background: #f6f6f6; padding: 8px; white-space: pre-wrap; }
        .verdict { font-weight: 600; } .growing { color: #b3261e; } .shrinking, .gone { color: #1454b0; } .plateau, .new, .fluctuating { color: #8a5a00; }
        svg { display: block; } table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: right; border-bottom: 1px solid #eee; }
        td.name { text-align: left; font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
        """

    /// A heading, the node's verdict and reason, and its chart.
    static func section(_ node: TrendNode, view: TrendView, formatter: ValueFormatter, heading: String) -> String {
        let stats = node.stats
        let perHour = (stats.senPerHour ?? stats.slopePerHour).map { ", " + formatter.formatSigned(Measurement.truncate($0)) + "/h" } ?? ""
        return "<section class=\"series\">\n<h3>\(MarkupText.escape(heading))</h3>\n"
            + "<p><span class=\"verdict \(node.verdict.rawValue)\">\(node.verdict.rawValue)</span>: "
            + "\(formatter.format(stats.first)) → \(formatter.format(stats.last)) (\(formatter.formatSigned(stats.delta))\(perHour)). "
            + "\(MarkupText.escape(node.reason))</p>\n" + chart(node.values, view: view, formatter: formatter, verdict: node.verdict)
            + "</section>\n"
    }

    /// A line chart of `values` over the snapshots (by time when every
    /// snapshot has one), with the minimum and maximum marked.
    static func chart(_ values: [Int64], view: TrendView, formatter: ValueFormatter, verdict: TrendVerdict) -> String {
        let width = 900.0
        let height = 140.0
        let left = 80.0
        let top = 10.0
        let plotWidth = width - left - 10
        let plotHeight = height - 40
        let low = min(0, values.min() ?? 0)
        let high = max(values.max() ?? 0, low + 1)
        let times = view.snapshots.map { Double($0.timeNanos) }
        let timed = view.timed && times.count == values.count && (times.last ?? 0) > (times.first ?? 0)
        func x(_ index: Int) -> Double {
            if timed, let first = times.first, let last = times.last { return left + (times[index] - first) / (last - first) * plotWidth }
            return left + (values.count > 1 ? Double(index) / Double(values.count - 1) * plotWidth : plotWidth / 2)
        }
        func y(_ value: Int64) -> Double { top + plotHeight - Double(value - low) / Double(high - low) * plotHeight }
        let colour = verdict == .growing ? "#b3261e" : verdict == .shrinking || verdict == .gone ? "#1454b0" : "#555"
        let points = values.indices.map { "\(format(x($0))),\(format(y(values[$0])))" }.joined(separator: " ")
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-size=\"11\" font-family=\"DejaVu Sans, sans-serif\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(format(y(low)))\" x2=\"\(left + plotWidth)\" y2=\"\(format(y(low)))\" stroke=\"#bbb\"/>\n"
        for value in [low, high] {
            svg +=
                "<text x=\"\(left - 6)\" y=\"\(format(y(value) + 4))\" text-anchor=\"end\" fill=\"#555\">\(MarkupText.escape(formatter.format(value)))</text>\n"
            svg +=
                "<line x1=\"\(left)\" y1=\"\(format(y(value)))\" x2=\"\(left + plotWidth)\" y2=\"\(format(y(value)))\" stroke=\"#eee\"/>\n"
        }
        svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
        for index in values.indices {
            let snapshot = index < view.snapshots.count ? view.snapshots[index] : nil
            let when = snapshot.map { $0.timeNanos == 0 ? $0.file : $0.file + " at " + JSONValue.isoTime($0.timeNanos) } ?? ""
            svg +=
                "<circle cx=\"\(format(x(index)))\" cy=\"\(format(y(values[index])))\" r=\"3\" fill=\"\(colour)\">"
                + "<title>\(MarkupText.escape("\(formatter.format(values[index])) — snapshot \(index + 1) \(when)"))</title></circle>\n"
        }
        svg +=
            "<text x=\"\(left)\" y=\"\(Int(height) - 8)\" fill=\"#555\">snapshot 1</text>"
            + "<text x=\"\(left + plotWidth)\" y=\"\(Int(height) - 8)\" text-anchor=\"end\" fill=\"#555\">snapshot \(values.count)"
            + (timed ? " (by time)" : "") + "</text>\n</svg>\n"
        return svg
    }

    private static func format(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}

import Foundation
import HeapscopeAnalysis

/// Renders every sample's labels and stack as go tool pprof's `-traces` text.
public enum TracesRenderer {
    static let rule = "-----------+-------------------------------------------------------"
    /// What precedes a trace's frames after the first: no value.
    static let framePrefix = String(repeating: " ", count: 13)

    public static func text(_ view: TracesView) -> String {
        var out = TextSink()
        write(view, to: &out)
        return out.text
    }

    /// Writes the text one trace at a time.
    public static func write(_ view: TracesView, to out: inout TextSink) {
        let formatter = ValueFormatter(view.header)
        var legend = Legend.profileLines(view.header.profile, total: view.header.total, formatter: formatter).makeIterator()
        out.write((legend.next() ?? "") + "\n")
        while let line = legend.next() { out.write(line + "\n") }
        // Traces repeat a few values and label sizes: each is formatted once.
        var valuePrefixes = TextMemo<Int64>()
        var numericLines = TextMemo<NumericLabelKey>()
        let ruleLine = rule + "\n"
        for trace in view.traces {
            out.write(ruleLine)
            if !trace.labels.isEmpty {
                let lines = trace.labels.map { "\(pad($0.key, 10)):  \($0.values.joined(separator: " "))" }
                for line in lines.sorted(by: CallGraph.goLess) {
                    out.write(line)
                    out.write("\n")
                }
            }
            if !trace.numericLabels.isEmpty {
                let lines = trace.numericLabels.map { label in
                    numericLines.text(NumericLabelKey(key: label.key, values: label.values, unit: label.unit)) { key in
                        "\(pad(key.key, 10)):  \(key.values.map { Measurement.label($0, unit: key.unit) }.joined(separator: " "))"
                    }
                }
                for line in lines.count == 1 ? lines : lines.sorted(by: CallGraph.goLess) {
                    out.write(line)
                    out.write("\n")
                }
            }
            var prefix = valuePrefixes.text(trace.value) { pad(formatter.format($0), 10) + "   " }
            for frame in trace.frames {
                out.write(prefix)
                out.write(frame.name)
                out.write(frame.inline ? " (inline)\n" : "\n")
                prefix = framePrefix
            }
        }
        out.write(ruleLine)
    }

    /// A numeric label as the key of its formatted line.
    private struct NumericLabelKey: Hashable {
        var key: String
        var values: [Int64]
        var unit: String
    }

    public static func json(_ view: TracesView) -> JSONValue {
        let formatter = ValueFormatter(view.header)
        let all = view.traces
        let traces = JSONValue.lazy(all) { trace -> JSONValue in
            .object([
                ("value", .int(trace.value)),
                ("value_text", .string(formatter.format(trace.value))),
                ("labels", .object(trace.labels.map { ($0.key, .array($0.values.map(JSONValue.string))) })),
                (
                    "numeric_labels",
                    .object(
                        trace.numericLabels.map { label in
                            (
                                label.key,
                                .object([
                                    ("unit", .string(label.unit)),
                                    ("values", .array(label.values.map(JSONValue.int))),
                                    ("texts", .array(label.values.map { .string(Measurement.label($0, unit: label.unit)) })),
                                ])
                            )
                        })
                ),
                (
                    "frames",
                    .lazy(trace.frames) { frame in
                        .object([("name", .string(frame.name)), ("inline", .bool(frame.inline))])
                    }
                ),
            ])
        }
        return .object([
            ("view", .string("traces")),
            ("header", JSONValue.header(view.header, prune: nil)),
            ("total", .int(view.header.total)),
            ("traces", traces),
        ])
    }
}

/// Texts made once per key while there are few (at most 4,096 at a time):
/// long outputs repeat a handful of values, and formatting is their cost.
struct TextMemo<Key: Hashable> {
    private var texts: [Key: String] = [:]

    mutating func text(_ key: Key, _ make: (Key) -> String) -> String {
        if let text = texts[key] { return text }
        let text = make(key)
        if texts.count >= 4096 { texts.removeAll(keepingCapacity: true) }
        texts[key] = text
        return text
    }
}

/// Renders label breakdowns as go tool pprof's `-tags` text.
public enum TagsRenderer {
    public static func text(_ view: TagsView) -> String {
        var out = TextSink()
        write(view, to: &out)
        return out.text
    }

    /// Writes the text one key at a time.
    public static func write(_ view: TagsView, to out: inout TextSink) {
        func scaled(_ value: Int64) -> String {
            let (number, unit) = Measurement.scale(value, from: view.sampleUnit, to: view.outputUnit)
            return String(format: "%.1f", number) + unit
        }
        for key in view.keys {
            // pprof aligns these cells with a right-aligning tabwriter.
            let cells = key.values.map { value in
                key.total > 0
                    ? "\(scaled(value.value)) (\(Measurement.percentage(value.value, of: key.total))):" : "\(scaled(value.value)):"
            }
            let keyWidth = key.key.unicodeScalars.count + 2  // "key:" plus one space of padding
            let cellWidth = (cells.map(\.unicodeScalars.count).max() ?? 0) + 1
            out.write(pad(key.key + ":", keyWidth) + " Total " + scaled(key.total) + "\n")
            for (value, cell) in zip(key.values, cells) {
                out.write(pad(" ", keyWidth) + pad(cell, cellWidth) + " ")
                out.write(value.name)
                out.write("\n")
            }
            out.write("\n")
        }
    }

    public static func json(_ view: TagsView) -> JSONValue {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, outputUnit: view.outputUnit)
        return .object([
            ("view", .string("tags")),
            ("sample_unit", .string(view.sampleUnit)),
            (
                "keys",
                .array(
                    view.keys.map { key in
                        .object([
                            ("key", .string(key.key)),
                            ("total", .int(key.total)),
                            ("total_text", .string(formatter.format(key.total))),
                            (
                                "values",
                                JSONValue.lazy(key.values) { value in
                                    .object([
                                        ("name", .string(value.name)),
                                        ("value", .int(value.value)),
                                        ("value_text", .string(formatter.format(value.value))),
                                        ("percent", .double(JSONValue.percent(value.value, key.total))),
                                    ])
                                }
                            ),
                        ])
                    })
            ),
        ])
    }
}

import HeapscopeAnalysis

/// Renders annotated source as go tool pprof's `-list` text.
public enum ListRenderer {
    public static func text(_ view: ListView) -> String {
        var out = TextSink()
        write(view, to: &out)
        return out.text
    }

    /// Writes the text one line at a time.
    public static func write(_ view: ListView, to out: inout TextSink) {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, outputUnit: view.outputUnit)
        func valueOrDot(_ value: Int64) -> String { value == 0 ? "." : formatter.format(value) }
        out.write("Total: " + formatter.format(view.total) + "\n")
        for routine in view.routines {
            guard let file = routine.file else {
                out.write("No source information for \(routine.function)\n")
                continue
            }
            out.write("ROUTINE ======================== \(routine.function) in \(file)\n")
            out.write(
                "\(pad(formatter.format(routine.flat), 10)) \(pad(formatter.format(routine.cum), 10)) (flat, cum) "
                    + "\(Measurement.percentage(routine.cum, of: view.total)) of Total\n")
            switch routine.content {
            case .missing(let message):
                out.write(" Error: " + message + "\n")
            case .source(let source):
                for line in source {
                    out.write("\(pad(valueOrDot(line.flat), 10)) \(pad(valueOrDot(line.cum), 10)) \(pad(String(line.number), 6)):")
                    out.write(line.text)
                    out.write("\n")
                }
            case .noSourceInformation:
                break
            }
        }
    }

    /// The JSON document; routines and their lines are made one at a time
    /// as it is written.
    public static func json(_ view: ListView) -> JSONValue {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, outputUnit: view.outputUnit)
        let routines = JSONValue.lazy(view.routines) { routine -> JSONValue in
            var error: JSONValue = .null
            var lines: JSONValue = .array([])
            switch routine.content {
            case .missing(let message): error = .string(message)
            case .noSourceInformation: error = .string("no source information")
            case .source(let source):
                lines = JSONValue.lazy(source) { line in
                    .object([
                        ("line", .int(line.number)),
                        ("text", .string(line.text)),
                        ("flat", .int(line.flat)),
                        ("cum", .int(line.cum)),
                    ])
                }
            }
            return .object([
                ("function", .string(routine.function)),
                ("file", routine.file.map(JSONValue.string) ?? .null),
                ("flat", .int(routine.flat)),
                ("flat_text", .string(formatter.format(routine.flat))),
                ("cum", .int(routine.cum)),
                ("cum_text", .string(formatter.format(routine.cum))),
                ("cum_percent", .double(JSONValue.percent(routine.cum, view.total))),
                ("error", error),
                ("lines", lines),
            ])
        }
        return .object([
            ("view", .string("list")),
            ("pattern", .string(view.pattern)),
            ("sample_unit", .string(view.sampleUnit)),
            ("total", .int(view.total)),
            ("total_text", .string(formatter.format(view.total))),
            ("routines", routines),
        ])
    }
}

import HeapscopeAnalysis

/// Renders annotated source as go tool pprof's `-list` text.
public enum ListRenderer {
    public static func text(_ view: ListView) -> String {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, outputUnit: view.outputUnit)
        func valueOrDot(_ value: Int64) -> String { value == 0 ? "." : formatter.format(value) }
        var lines = ["Total: " + formatter.format(view.total)]
        for routine in view.routines {
            guard let file = routine.file else {
                lines.append("No source information for \(routine.function)")
                continue
            }
            lines.append("ROUTINE ======================== \(routine.function) in \(file)")
            lines.append(
                "\(pad(formatter.format(routine.flat), 10)) \(pad(formatter.format(routine.cum), 10)) (flat, cum) "
                    + "\(Measurement.percentage(routine.cum, of: view.total)) of Total")
            switch routine.content {
            case .missing(let message):
                lines.append(" Error: " + message)
            case .source(let source):
                for line in source {
                    lines.append(
                        "\(pad(valueOrDot(line.flat), 10)) \(pad(valueOrDot(line.cum), 10)) \(pad(String(line.number), 6)):\(line.text)")
                }
            case .noSourceInformation:
                break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ view: ListView) -> JSONValue {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, outputUnit: view.outputUnit)
        let routines: [JSONValue] = view.routines.map { routine in
            var error: JSONValue = .null
            var lines: [JSONValue] = []
            switch routine.content {
            case .missing(let message): error = .string(message)
            case .noSourceInformation: error = .string("no source information")
            case .source(let source):
                lines = source.map { line in
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
                ("lines", .array(lines)),
            ])
        }
        return .object([
            ("view", .string("list")),
            ("pattern", .string(view.pattern)),
            ("sample_unit", .string(view.sampleUnit)),
            ("total", .int(view.total)),
            ("total_text", .string(formatter.format(view.total))),
            ("routines", .array(routines)),
        ])
    }
}

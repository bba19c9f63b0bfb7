import Foundation
import HeapscopeAnalysis

/// Renders `heapscope trend`: the leak suspects, the total series, the
/// explanations and the other changes, as text or JSON.
public enum TrendRenderer {
    /// The sparkline levels, lowest first.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of `values`, scaled from their minimum to their maximum
    /// (a constant series is a flat middle line).
    public static func sparkline(_ values: [Int64]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        guard high > low else { return String(repeating: levels[3], count: values.count) }
        let span = Double(high) - Double(low)
        return String(values.map { value in
            let level = ((Double(value) - Double(low)) / span * Double(levels.count - 1)).rounded()
            return levels[Int(Swift.max(0, Swift.min(Double(levels.count - 1), level)))]
        })
    }

    /// The text report. `unit` is the --unit option ("minimum" scales each
    /// value on its own); `color` adds ANSI colours; `maxOtherRows` limits the
    /// "Other changes" table (0: no limit). Suspects are always all shown.
    public static func text(_ view: TrendView, unit: String, color: Bool, maxOtherRows: Int = 0) -> String {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, eachValueIn: unit)
        let paint = Painter(enabled: color)
        var lines: [String] = []
        lines.append("Type: \(view.sampleType) (\(view.basis.rawValue))")
        var span = "Snapshots: \(view.snapshots.count)"
        if view.timed, let first = view.snapshots.first, let last = view.snapshots.last {
            span += ", \(JSONValue.isoTime(first.timeNanos)) to \(JSONValue.isoTime(last.timeNanos))"
                + " (\(Measurement.label(last.timeNanos &- first.timeNanos, unit: "nanoseconds")))"
        } else {
            span += ", in the order given (not every snapshot records a time)"
        }
        lines.append(span)
        lines.append("Noise floor: \(formatter.format(view.noiseFloor)) (changes this small do not count)")
        lines.append("")

        let suspects = view.suspects
        if suspects.isEmpty {
            lines.append(paint.bold("No leak suspects: nothing grows steadily above the noise floor."))
        } else {
            lines.append(paint.bold("Leak suspects (\(suspects.count) growing, steadiest and largest first):"))
            lines += table(suspects, formatter: formatter, paint: paint, verdicts: false)
        }
        lines.append("")
        lines.append(paint.bold("Total \(view.sampleType):"))
        for (index, snapshot) in view.snapshots.enumerated() {
            let time = snapshot.timeNanos == 0 ? "(no time)" : JSONValue.isoTime(snapshot.timeNanos)
            lines.append("  \(pad(String(index + 1), 3))  \(time)  \(pad(formatter.format(snapshot.total), 10))  \(snapshot.file)")
        }
        let total = view.total
        lines.append("  \(paint.verdict(total.verdict, sparkline(total.values)))  \(formatter.formatSigned(total.stats.delta)) "
            + "(\(total.stats.grewIntervals)/\(total.stats.intervals) intervals grew), \(paint.verdict(total.verdict, total.verdict.rawValue))")

        let explained = suspects.compactMap { node in node.explanation.flatMap { explain($0, formatter: formatter) }.map { (node.name, $0) } }
        if !explained.isEmpty {
            lines.append("")
            lines.append(paint.bold("Why:"))
            for (name, text) in explained { lines.append("  \(name): \(text)") }
        }

        let others = view.nodes.filter { $0.verdict != .growing && $0.verdict != .stable }
        let stable = view.nodes.count - suspects.count - others.count
        if !others.isEmpty {
            lines.append("")
            lines.append(paint.bold("Other changes:"))
            let shown = maxOtherRows > 0 ? Array(others.prefix(maxOtherRows)) : others
            lines += table(shown, formatter: formatter, paint: paint, verdicts: true)
            if shown.count < others.count {
                lines.append("  … \(others.count - shown.count) more (--nodecount 0 shows all, --format json lists every node)")
            }
        }
        lines.append("")
        lines.append("\(stable) stable node\(stable == 1 ? "" : "s") not shown.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(_ nodes: [TrendNode], formatter: ValueFormatter, paint: Painter, verdicts: Bool) -> [String] {
        var lines = ["      first       last      delta     per hour  grew    R²  trend" + (verdicts ? "  verdict     " : "") + "  name"]
        for node in nodes {
            let stats = node.stats
            let perHour = stats.slopePerHour.map { formatter.formatSigned(Measurement.truncate($0)) + "/h" } ?? "-"
            let grew = "\(stats.grewIntervals)/\(stats.intervals)"
            var line = "\(pad(formatter.format(stats.first), 11)) \(pad(formatter.format(stats.last), 10)) "
                + "\(pad(formatter.formatSigned(stats.delta), 10)) \(pad(perHour, 12)) \(pad(grew, 5)) "
                + "\(String(format: "%5.2f", stats.r2))  \(paint.verdict(node.verdict, sparkline(node.values)))"
            let width = node.values.count
            if width < 5 { line += String(repeating: " ", count: 5 - width) }
            if verdicts {
                let word = node.verdict.rawValue
                line += "  " + paint.verdict(node.verdict, word) + String(repeating: " ", count: Swift.max(0, 12 - word.count))
            }
            lines.append(line + "  " + node.name)
        }
        return lines
    }

    /// One line on what the suspect's memory is: block sizes, and how much
    /// of what it allocated it still holds.
    static func explain(_ explanation: TrendExplanation, formatter: ValueFormatter) -> String? {
        var parts: [String] = []
        let sizes = explanation.blockSizes
        let sizeTotal = sizes.reduce(Int64(0)) { $0 &+ $1.value }
        if let largest = sizes.map(\.size).max() {
            let listed = sizes.map { "\(Measurement.label($0.size, unit: "bytes")) (\(Measurement.percentage($0.value, of: sizeTotal).trimmingCharacters(in: .whitespaces)))" }
            var text = "blocks of " + listed.joined(separator: ", ")
            if largest >= largeBlock { text += ", large arrays such as map buckets or slice backing arrays" }
            parts.append(text)
        }
        if let inuse = explanation.inuse, let allocated = explanation.allocated, allocated > 0 {
            let share = Double(inuse) / Double(allocated)
            let kind: String
            switch share {
            case 0.8...: kind = "retained: what it allocates stays allocated"
            case 0.2..<0.8: kind = "partly freed, as when a growing map or slice drops its smaller old arrays"
            default: kind = "churn: most of what it allocates is freed again, the part held is what grows"
            }
            parts.append("holds \(Measurement.percentage(inuse, of: allocated).trimmingCharacters(in: .whitespaces)) "
                + "of the \(Measurement.label(allocated, unit: formatter.sampleUnit)) it allocated (\(kind))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Blocks from this size up are called large arrays (64 KiB).
    static let largeBlock: Int64 = 64 << 10

    /// The gate's stderr lines, one per breach.
    public static func breachLines(_ breaches: [TrendBreach], view: TrendView, unit: String) -> [String] {
        let formatter = ValueFormatter(sampleUnit: view.sampleUnit, eachValueIn: unit)
        return breaches.map { breach in
            switch breach {
            case .growing(let node):
                return "heapscope: growing: \(node.name) \(formatter.formatSigned(node.stats.delta)) over \(node.values.count) snapshots "
                    + "(\(node.stats.grewIntervals)/\(node.stats.intervals) intervals grew, R² \(String(format: "%.2f", node.stats.r2)))"
            case .totalGrowth(let delta, let limit):
                return "heapscope: total \(view.sampleType) grew by \(formatter.formatSigned(delta)), over the --max-growth limit of \(formatter.format(limit))"
            }
        }
    }

    public static func json(_ view: TrendView) -> JSONValue {
        .object([
            ("view", .string("trend")),
            ("sample_type", .string(view.sampleType)),
            ("sample_unit", .string(view.sampleUnit)),
            ("basis", .string(view.basis.rawValue)),
            ("timed", .bool(view.timed)),
            ("noise_floor", .int(view.noiseFloor)),
            ("thresholds", .object([
                ("min_growth_fraction", .double(view.thresholds.minGrowthFraction)),
                ("noise_periods", .double(view.thresholds.noisePeriods)),
                ("min_r2", .double(view.thresholds.minR2)),
            ])),
            ("snapshots", .array(view.snapshots.map { snapshot in
                .object([
                    ("file", .string(snapshot.file)),
                    ("time", snapshot.timeNanos == 0 ? .null : .string(JSONValue.isoTime(snapshot.timeNanos))),
                    ("time_nanos", .int(snapshot.timeNanos)),
                    ("total", .int(snapshot.total)),
                ])
            })),
            ("total", node(view.total)),
            ("nodes", .array(view.nodes.map(node))),
        ])
    }

    static func node(_ node: TrendNode) -> JSONValue {
        let stats = node.stats
        var members: [(String, JSONValue)] = [
            ("name", .string(node.name)),
            ("values", .array(node.values.map(JSONValue.int))),
            ("flat", .array(node.flat.map(JSONValue.int))),
            ("cum", .array(node.cum.map(JSONValue.int))),
            ("first", .int(stats.first)),
            ("last", .int(stats.last)),
            ("delta", .int(stats.delta)),
            ("min", .int(stats.min)),
            ("max", .int(stats.max)),
            ("slope_per_hour", stats.slopePerHour.map { .double(rounded($0)) } ?? .null),
            ("slope_per_snapshot", .double(rounded(stats.slopePerSnapshot))),
            ("grew_intervals", .int(Int64(stats.grewIntervals))),
            ("intervals", .int(Int64(stats.intervals))),
            ("r2", .double((stats.r2 * 10000).rounded() / 10000)),
            ("verdict", .string(node.verdict.rawValue)),
        ]
        if let explanation = node.explanation {
            members.append(("explanation", .object([
                ("block_sizes", .array(explanation.blockSizes.map { .object([("size", .int($0.size)), ("value", .int($0.value))]) })),
                ("inuse", explanation.inuse.map(JSONValue.int) ?? .null),
                ("allocated", explanation.allocated.map(JSONValue.int) ?? .null),
            ])))
        }
        return .object(members)
    }

    /// Slopes rounded to whole sample units (bytes or objects).
    static func rounded(_ value: Double) -> Double { value.rounded() }
}

/// ANSI colours for the text report, or none.
struct Painter {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }

    func verdict(_ verdict: TrendVerdict, _ text: String) -> String {
        switch verdict {
        case .growing: return wrap(text, "31")
        case .shrinking: return wrap(text, "32")
        case .new: return wrap(text, "33")
        case .gone: return wrap(text, "36")
        case .fluctuating: return wrap(text, "35")
        case .stable: return text
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

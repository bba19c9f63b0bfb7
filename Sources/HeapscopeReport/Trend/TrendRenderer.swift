import Foundation
import HeapscopeAnalysis

/// Renders `heapscope trend` as text: the leak suspects, the total, the
/// explanations and the other changes. Rows stay within about 100 columns
/// plus the name, however long the series.
public enum TrendRenderer {
    /// The text report. `unit` is the --unit option ("minimum" scales each
    /// value on its own); `color` adds ANSI colours; `maxOtherRows` limits the
    /// "Other changes" table (0: no limit); `allSnapshots` lists every
    /// snapshot in the total section. Suspects are always all shown.
    public static func text(_ view: TrendView, unit: String, color: Bool, maxOtherRows: Int = 0, allSnapshots: Bool = false) -> String {
        var out = TextSink()
        write(view, unit: unit, color: color, maxOtherRows: maxOtherRows, allSnapshots: allSnapshots, to: &out)
        return out.text
    }

    /// Writes the report; its tables (bounded by `maxOtherRows`) are laid
    /// out whole, since their columns fit the widest cell.
    public static func write(
        _ view: TrendView, unit: String, color: Bool, maxOtherRows: Int = 0, allSnapshots: Bool = false, to out: inout TextSink
    ) {
        let formatter = formatter(view, unit: unit)
        let paint = TrendPainter(enabled: color)
        var lines = header(view, formatter: formatter)

        let suspects = view.suspects
        if suspects.isEmpty {
            lines.append(paint.bold("No leak suspects: nothing grows steadily above the noise floor."))
        } else {
            lines.append(paint.bold("Leak suspects (\(suspects.count) growing, steadiest and largest first):"))
            lines += table(suspects, formatter: formatter, paint: paint, verdicts: false)
        }
        lines.append("")
        lines += totalSection(view, formatter: formatter, paint: paint, allSnapshots: allSnapshots)
        if let projection = view.projection {
            lines.append("")
            lines += projectionLines(projection, view: view, formatter: formatter)
        }

        let explained = suspects.compactMap { node in node.explanation.flatMap { explain($0, formatter: formatter) }.map { (node.name, $0) }
        }
        if !explained.isEmpty {
            lines.append("")
            lines.append(paint.bold("Why:"))
            for (name, parts) in explained {
                lines.append("  \(name): \(parts[0])")
                lines += parts.dropFirst().map { "      " + $0 }
            }
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
        Legend.write(lines, to: &out)
    }

    static func formatter(_ view: TrendView, unit: String) -> ValueFormatter {
        ValueFormatter(sampleUnit: view.sampleUnit, eachValueIn: unit)
    }

    /// Type, span, warm-up, baseline and noise floor.
    static func header(_ view: TrendView, formatter: ValueFormatter) -> [String] {
        var lines = ["Type: \(view.sampleType) (\(view.basis.rawValue))"]
        var span = "Snapshots: \(view.snapshots.count)"
        if view.timed, let first = view.snapshots.first, let last = view.snapshots.last {
            span +=
                ", \(JSONValue.isoTime(first.timeNanos)) to \(JSONValue.isoTime(last.timeNanos))"
                + " (\(Measurement.label(last.timeNanos &- first.timeNanos, unit: "nanoseconds")))"
        } else {
            span += ", in the order given (not every snapshot records a time)"
        }
        lines.append(span)
        if view.warmup > 0 {
            lines.append("Warm-up: the first \(view.warmup) snapshot\(view.warmup == 1 ? " is" : "s are") shown but not judged")
        }
        let first = view.warmup + 1
        let last = view.warmup + view.baselineCount
        let which = first == last ? "snapshot \(first)" : "mean of snapshots \(first)-\(last)"
        lines.append("Baseline: \(formatter.format(view.baseline)) (\(which)); --max-growth is measured from it")
        lines.append("Noise floor: \(formatter.format(view.noiseFloor)) (changes this small do not count)")
        lines.append("")
        return lines
    }

    static let columns = "      last      delta     per hour    grew   conf  trend"

    static func table(_ nodes: [TrendNode], formatter: ValueFormatter, paint: TrendPainter, verdicts: Bool) -> [String] {
        let width = nodes.map { Swift.min($0.values.count, Sparkline.maxWidth) }.max() ?? 0
        var lines = [columns + String(repeating: " ", count: Swift.max(0, width - 5)) + (verdicts ? "  verdict    " : "") + "  name"]
        for node in nodes {
            let stats = node.stats
            let slope = stats.senPerHour ?? stats.slopePerHour
            let perHour = slope.map { formatter.formatSigned(Measurement.truncate($0)) + "/h" } ?? "-"
            let spark = Sparkline.render(node.values)
            var line =
                "\(pad(formatter.format(stats.last), 10)) "
                + "\(pad(formatter.formatSigned(stats.delta), 10)) \(pad(perHour, 12)) \(pad("\(stats.grewIntervals)/\(stats.intervals)", 7)) "
                + "\(pad(MannKendall.percentText(stats.confidence), 6))  \(paint.verdict(node.verdict, spark))"
            line += String(repeating: " ", count: Swift.max(0, Swift.max(width, 5) - spark.count))
            if verdicts {
                let word = node.verdict.rawValue
                line += "  " + paint.verdict(node.verdict, word) + String(repeating: " ", count: Swift.max(0, 11 - word.count))
            }
            lines.append(line + "  " + node.name)
        }
        return lines
    }

    /// The total: first, min, max and last (every snapshot with
    /// `allSnapshots`), the sparkline, the change and the verdict.
    static func totalSection(_ view: TrendView, formatter: ValueFormatter, paint: TrendPainter, allSnapshots: Bool) -> [String] {
        let total = view.total
        let stats = total.stats
        var lines = [
            paint.bold(
                "Total \(view.sampleType): first \(formatter.format(stats.first)), min \(formatter.format(stats.min)), "
                    + "max \(formatter.format(stats.max)), last \(formatter.format(stats.last))")
        ]
        let judged = view.warmup..<view.snapshots.count
        let totals = view.snapshots.map(\.total)
        var marks: [Int: [String]] = [:]
        if let minIndex = judged.min(by: { totals[$0] < totals[$1] }), let maxIndex = judged.max(by: { totals[$0] < totals[$1] }) {
            for (index, mark) in [(judged.lowerBound, "first"), (minIndex, "min"), (maxIndex, "max"), (judged.upperBound - 1, "last")] {
                marks[index, default: []].append(mark)
            }
        }
        let listed = allSnapshots || view.snapshots.count <= shortSeries ? Array(view.snapshots.indices) : marks.keys.sorted()
        var previous = -1
        for index in listed {
            if index > previous + 1 { lines.append("  …") }
            previous = index
            let snapshot = view.snapshots[index]
            let time = snapshot.timeNanos == 0 ? "(no time)" : JSONValue.isoTime(snapshot.timeNanos)
            var tags = marks[index] ?? []
            if index < view.warmup { tags.append("warm-up") }
            let tag = tags.isEmpty ? "" : "  (" + tags.joined(separator: ", ") + ")"
            lines.append("  \(pad(String(index + 1), 4))  \(time)  \(pad(formatter.format(snapshot.total), 10))  \(snapshot.file)\(tag)")
        }
        if previous < view.snapshots.count - 1 { lines.append("  …") }
        if !allSnapshots && listed.count < view.snapshots.count {
            lines.append("  (\(view.snapshots.count - listed.count) more snapshots; --all-snapshots lists every one)")
        }
        lines.append(
            "  \(paint.verdict(total.verdict, Sparkline.render(total.values)))  \(formatter.formatSigned(stats.delta)) "
                + "(\(stats.grewIntervals)/\(stats.intervals) intervals grew), \(paint.verdict(total.verdict, total.verdict.rawValue))")
        lines.append("  (\(total.reason))")
        return lines
    }

    /// Series up to this long list every snapshot in the total section.
    static let shortSeries = 10

    /// "Limit 2GB: at +1.2GB/h the total reaches it in about 3h10m", and a
    /// line per suspect.
    static func projectionLines(_ projection: TrendProjection, view: TrendView, formatter: ValueFormatter) -> [String] {
        let limit = formatter.format(projection.limit)
        var lines: [String] = []
        let rate = view.total.stats.senPerHour.map { formatter.formatSigned(Measurement.truncate($0)) + "/h" } ?? "an unknown rate"
        switch projection.etaSeconds {
        case .some(0): lines.append("Limit \(limit): the total (\(formatter.format(view.total.stats.last))) has reached it")
        case .some(let seconds):
            lines.append(
                "Limit \(limit): at \(rate) (Sen's slope) the total reaches \(limit) in about \(ApproximateDuration.text(seconds: seconds))"
            )
        case .none: lines.append("Limit \(limit): the total does not grow at \(rate); no projection")
        }
        for suspect in projection.suspects {
            let eta = suspect.etaSeconds.map { "in about " + ApproximateDuration.text(seconds: $0) } ?? "never (no rise per hour)"
            lines.append("  \(suspect.name) alone brings the total to \(limit) \(eta)")
        }
        return lines
    }

    /// What the suspect's memory is, one line each: block sizes, and how
    /// much of what it allocated it still holds.
    static func explain(_ explanation: TrendExplanation, formatter: ValueFormatter) -> [String]? {
        var parts: [String] = []
        let sizes = explanation.blockSizes
        let sizeTotal = sizes.reduce(Int64(0)) { $0 &+ $1.value }
        if let largest = sizes.map(\.size).max() {
            let listed = sizes.map {
                "\(Measurement.label($0.size, unit: "bytes")) (\(Measurement.percentage($0.value, of: sizeTotal).trimmingCharacters(in: .whitespaces)))"
            }
            var text = "blocks of " + listed.joined(separator: ", ")
            if largest >= largeBlock { text += ", large arrays (map buckets, slice backing arrays)" }
            parts.append(text)
        }
        if let inuse = explanation.inuse, let allocated = explanation.allocated, allocated > 0 {
            let share = Double(inuse) / Double(allocated)
            let kind: String
            switch share {
            case 0.8...: kind = "retained: what it allocates stays allocated"
            case 0.2..<0.8: kind = "partly freed, like a grown map or slice's old arrays"
            default: kind = "churn: most is freed again, the part held grows"
            }
            parts.append(
                "holds \(Measurement.percentage(inuse, of: allocated).trimmingCharacters(in: .whitespaces)) "
                    + "of the \(Measurement.label(allocated, unit: formatter.sampleUnit)) it allocated (\(kind))")
        }
        return parts.isEmpty ? nil : parts
    }

    /// Blocks from this size up are called large arrays (64 KiB).
    static let largeBlock: Int64 = 64 << 10

    /// The hint line when snapshots were merged, or nil.
    public static func duplicateHint(_ view: TrendView) -> String? {
        guard let first = view.duplicates.first else { return nil }
        let count = view.duplicates.count
        let (more, verb) = count > 1 ? (" and \(count - 1) more", "were") : ("", "was")
        return "heapscope: hint: \(first.file)\(more) had the same samples as the snapshot before "
            + "(no GC ran in between, or nothing new was sampled) and \(verb) merged into it; fetch snapshots with /debug/pprof/heap?gc=1"
    }

    /// The gate's stderr lines, one per breach.
    public static func breachLines(_ breaches: [TrendBreach], view: TrendView, unit: String) -> [String] {
        let formatter = formatter(view, unit: unit)
        return breaches.map { breach in
            switch breach {
            case .growing(let node):
                return
                    "heapscope: growing: \(node.name) \(formatter.formatSigned(node.stats.delta)) over \(node.stats.intervals + 1) snapshots (\(node.reason))"
            case .totalGrowth(let growth, let limit):
                return "heapscope: total \(view.sampleType) grew by \(formatter.formatSigned(growth)) from the baseline of "
                    + "\(formatter.format(view.baseline)), over the --max-growth limit of \(formatter.format(limit))"
            case .growthRate(let perHour, let limit):
                return "heapscope: total \(view.sampleType) grows by \(formatter.formatSigned(Measurement.truncate(perHour)))/h, "
                    + "over the --max-growth-rate limit of \(formatter.format(Measurement.truncate(limit)))/h"
            case .limitReached(let total, let limit):
                return
                    "heapscope: total \(view.sampleType) is \(formatter.format(total)), at or over the --limit of \(formatter.format(limit))"
            case .limitSoon(let eta, let limit, let within):
                return "heapscope: total \(view.sampleType) reaches the --limit of \(formatter.format(limit)) in about "
                    + "\(ApproximateDuration.text(seconds: eta)), within the --limit-within of \(ApproximateDuration.text(seconds: within))"
            }
        }
    }
}

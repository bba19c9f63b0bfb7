import HeapscopeAnalysis

/// The lines `heapscope watch` prints: one per capture, the suspects table
/// when the set of suspects changes, and the closing summary.
public enum WatchRenderer {
    /// `2026-12-01T05:15:00Z 127.0.0.1_6060 total 4.41MB change +312kB suspects 2: main.a, main.b`
    public static func captureLine(
        time: String, target: String, total: Int64, change: Int64?,
        suspects: [TrendNode], sampleUnit: String, unit: String
    ) -> String {
        let formatter = ValueFormatter(sampleUnit: sampleUnit, eachValueIn: unit)
        let changeText = change.map { formatter.formatSigned($0) } ?? "first"
        let names = suspects.isEmpty ? "" : ": " + suspects.map(\.name).joined(separator: ", ")
        return "\(time) \(target) total \(formatter.format(total)) change \(changeText) suspects \(suspects.count)\(names)"
    }

    /// The suspects with their growth and rate; "none" when all is clear.
    public static func suspectsTable(target: String, suspects: [TrendNode], sampleUnit: String, unit: String) -> [String] {
        guard !suspects.isEmpty else { return ["suspects of \(target): none (all clear)"] }
        let formatter = ValueFormatter(sampleUnit: sampleUnit, eachValueIn: unit)
        let rows = suspects.map { node in
            (
                formatter.formatSigned(node.stats.delta),
                node.stats.slopePerHour.map { formatter.formatSigned(Measurement.truncate($0)) + "/h" } ?? "-",
                node.name
            )
        }
        let deltaWidth = max(5, rows.map(\.0.count).max() ?? 0)
        let rateWidth = max(7, rows.map(\.1.count).max() ?? 0)
        return [
            "suspects of \(target) (\(suspects.count)):",
            "  " + pad("delta", deltaWidth) + "  " + pad("slope/h", rateWidth) + "  name",
        ]
            + rows.map { "  " + pad($0.0, deltaWidth) + "  " + pad($0.1, rateWidth) + "  " + $0.2 }
    }

    /// `summary 127.0.0.1_6060: 12 captures (1 failed), 14 snapshots in DIR, suspects 2: main.a, main.b`
    public static func summaryLine(
        target: String, captures: Int, failures: Int, snapshots: Int, directory: String,
        suspects: [TrendNode]
    ) -> String {
        let names = suspects.isEmpty ? "" : ": " + suspects.map(\.name).joined(separator: ", ")
        return
            "summary \(target): \(captures) captures (\(failures) failed), \(snapshots) snapshots in \(directory), suspects \(suspects.count)\(names)"
    }
}

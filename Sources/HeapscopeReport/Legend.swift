import Foundation
import HeapscopeAnalysis

/// The header lines of pprof reports (`ProfileLabels`, `reportLabels`).
public enum Legend {
    /// A graph report's header lines: the profile, its filters, then what
    /// pruning left (`showEdges`: the dropped-edges line, which only DOT has).
    public static func lines(_ header: ReportHeader, prune: PruneFacts, showEdges: Bool) -> LegendLines {
        let formatter = ValueFormatter(header)
        var lines = profileLines(header.profile, total: header.total, formatter: formatter)
        lines.tail += filterLines(header.activeFilters) + pruneLines(prune, formatter: formatter, showEdges: showEdges)
        return lines
    }

    /// Writes `lines`, each ending in a newline.
    static func write<Lines: Sequence<String>>(_ lines: Lines, to out: inout TextSink) {
        for line in lines {
            out.write(line)
            out.write("\n")
        }
    }

    /// File, Build ID, comments, Type, Time and Duration lines.
    public static func profileLines(_ facts: ProfileFacts, total: Int64, formatter: ValueFormatter) -> LegendLines {
        var head: [String] = []
        if let file = facts.file { head.append("File: " + file) }
        if let buildID = facts.buildID { head.append("Build ID: " + buildID) }
        var lines: [String] = []
        if !facts.sampleType.isEmpty { lines.append("Type: " + facts.sampleType) }
        if facts.timeNanos != 0 { lines.append("Time: " + formatTime(facts.timeNanos)) }
        if facts.durationNanos != 0 {
            let duration = Measurement.label(facts.durationNanos, unit: "nanoseconds")
            let (totalNanos, totalUnit) = Measurement.scale(total, from: formatter.sampleUnit, to: "nanoseconds")
            var ratio = ""
            if totalUnit == "ns" && totalNanos != 0 {
                ratio = "(" + Measurement.percentage(Measurement.truncate(totalNanos), of: facts.durationNanos) + ")"
            }
            lines.append("Duration: \(duration), Total samples = \(formatter.format(total)) \(ratio)")
        }
        return LegendLines(head: head, comments: facts.comments, tail: lines)
    }

    /// "Active filters:" and one indented line per filter (cut at 80).
    public static func filterLines(_ filters: [String]) -> [String] {
        guard !filters.isEmpty else { return [] }
        return ["Active filters:"]
            + filters.map { filter in
                var text = filter
                if text.utf8.count > 80 {
                    text = String(decoding: Array(text.utf8.prefix(80)), as: UTF8.self) + "…"
                }
                return "   " + text
            }
    }

    /// The "Showing nodes…", "Dropped…" and "Showing top…" lines. Text
    /// reports leave out the dropped-edges line (`showEdges: false`); DOT has it.
    public static func pruneLines(_ prune: PruneFacts, formatter: ValueFormatter, showEdges: Bool) -> [String] {
        var lines = [
            "Showing nodes accounting for \(formatter.format(prune.shownFlat)), "
                + "\(Measurement.percentage(prune.shownFlat, of: prune.total).trimmingCharacters(in: .whitespaces)) "
                + "of \(formatter.format(prune.total)) total"
        ]
        if prune.total != 0 {
            if prune.droppedNodes > 0 {
                lines.append(dropped(prune.droppedNodes, "node", "cum", formatter.format(prune.nodeCutoff)))
            }
            if showEdges && prune.droppedEdges > 0 {
                lines.append(dropped(prune.droppedEdges, "edge", "freq", formatter.format(prune.edgeCutoff)))
            }
            if prune.shownNodes > 0 && prune.shownNodes < prune.originalCount {
                lines.append("Showing top \(prune.shownNodes) nodes out of \(prune.originalCount)")
            }
        }
        return lines
    }

    static func dropped(_ count: Int, _ noun: String, _ measure: String, _ cutoff: String) -> String {
        "Dropped \(count) \(noun)\(count > 1 ? "s" : "") (\(measure) <= \(cutoff))"
    }

    /// The collection time in go tool pprof's layout, `Jan 2, 2006 at 3:04pm (MST)`,
    /// in the local time zone.
    public static func formatTime(_ nanos: Int64) -> String {
        var seconds = time_t(nanos / 1_000_000_000)
        if nanos % 1_000_000_000 < 0 { seconds -= 1 }
        var parts = tm()
        localtime_r(&seconds, &parts)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = months[Int(max(0, min(11, parts.tm_mon)))]
        var hour = Int(parts.tm_hour) % 12
        if hour == 0 { hour = 12 }
        let minute = String(format: "%02d", parts.tm_min)
        let meridiem = parts.tm_hour < 12 ? "am" : "pm"
        let zone = parts.tm_zone.map { String(cString: $0) } ?? "UTC"
        return "\(month) \(parts.tm_mday), \(Int(parts.tm_year) + 1900) at \(hour):\(minute)\(meridiem) (\(zone))"
    }
}

/// A legend's lines: the first ones, the profile's comments (read one at a
/// time as they are written), then the rest.
public struct LegendLines: Sequence, Sendable {
    var head: [String]
    var comments: LegendComments
    var tail: [String]

    public struct Iterator: IteratorProtocol {
        fileprivate var head: IndexingIterator<[String]>
        fileprivate var comments: LegendComments.Iterator
        fileprivate var tail: IndexingIterator<[String]>

        public mutating func next() -> String? {
            if let line = head.next() { return line }
            if let line = comments.next() { return line }
            return tail.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(head: head.makeIterator(), comments: comments.makeIterator(), tail: tail.makeIterator())
    }
}

/// Durations as `watch` takes them: `500ms`, `30s`, `5m`, `2h`, `1d`, or a
/// plain number of seconds; several parts add up (`1h30m`).
package enum WatchDuration {
    private static let scales: [String: Double] = ["ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400]

    /// Seconds, or nil when `text` is not a positive duration.
    package static func seconds(_ text: String) -> Double? {
        if let plain = Double(text) { return plain.isFinite && plain > 0 ? plain : nil }
        var rest = Substring(text)
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), let scale = scales[String(unit)] else { return nil }
            total += value * scale
        }
        return total.isFinite && total > 0 ? total : nil
    }
}

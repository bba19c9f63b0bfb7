/// A duration as people say it, to two units: `45s`, `12m`, `3h10m`, `2d4h`.
public enum ApproximateDuration {
    public static func text(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "never" }
        let total = Int(Swift.min(seconds, 9e15).rounded())
        let (days, hours, minutes) = (total / 86400, total % 86400 / 3600, total % 3600 / 60)
        if days > 0 { return hours > 0 ? "\(days)d\(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(total)s"
    }
}

import Foundation

/// How captured profiles are named: `TARGET.KIND.TIME.pb.gz`, for example
/// `127.0.0.1_6060.heap.20261201T051500Z.pb.gz`, so that a directory
/// listing sorts by time and says where each snapshot came from.
package enum SnapshotName {
    /// The target of a URL: `host_port` (the scheme's port when none is
    /// given), with characters unsafe in file names replaced by `_`.
    package static func target(of url: URL) -> String {
        let host = url.host ?? "unknown"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return sanitized("\(host)_\(port)")
    }

    /// The kind of profile a URL serves: its last path component (`heap`,
    /// `allocs`, …), else `profile`.
    package static func kind(of url: URL) -> String {
        let last = url.lastPathComponent
        return last.isEmpty || last == "/" ? "profile" : sanitized(last)
    }

    /// The file name of a snapshot of `url` taken at `time`.
    package static func fileName(url: URL, time: Date) -> String {
        "\(target(of: url)).\(kind(of: url)).\(timestamp(time)).pb.gz"
    }

    /// `20261201T051500Z`: UTC, seconds, sortable.
    package static func timestamp(_ time: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", c.year ?? 0) + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute) + two(c.second) + "Z"
    }

    private static func sanitized(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) ? $0 : "_" })
    }
}

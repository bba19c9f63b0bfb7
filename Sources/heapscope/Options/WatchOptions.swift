import ArgumentParser
import Foundation
import HeapscopeLive
import Logging

/// The schedule, storage, alert and metrics options of `heapscope watch`.
struct WatchOptions: ParsableArguments {
    @Option(name: .customLong("every"), help: ArgumentHelp("Time between captures: 30s, 5m, 1h, 500ms, or seconds.", valueName: "duration"))
    var every: String

    @Option(
        name: .customLong("dir"),
        help: ArgumentHelp("Save snapshots here, one subdirectory per target; a restart continues the series.", valueName: "dir"))
    var directory: String

    @Option(
        name: .customLong("count"),
        help: ArgumentHelp("Stop after N capture rounds (then the gate decides the exit status).", valueName: "n"))
    var count: Int?

    @Option(
        name: .customLong("for"), help: ArgumentHelp("Stop after this long (then the gate decides the exit status).", valueName: "duration")
    )
    var duration: String?

    @Option(
        name: .customLong("keep"),
        help: ArgumentHelp("Keep only the newest N snapshots per target (older ones are deleted).", valueName: "n"))
    var keep: Int?

    @Option(
        name: .customLong("on-alert"),
        help: ArgumentHelp("Run this shell command on each alert, with the alert JSON on standard input.", valueName: "command"))
    var onAlert: String?

    @Option(
        name: .customLong("webhook"),
        help: ArgumentHelp("POST each alert's JSON to this http(s) URL (retried with backoff).", valueName: "url"))
    var webhook: String?

    @Option(
        name: .customLong("metrics-addr"),
        help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics.", valueName: "host:port"))
    var metricsAddress: String?

    @Option(
        name: .customLong("metrics-top"),
        help: ArgumentHelp("Export per-site metrics for at most N sites (and N suspects) per target.", valueName: "n"))
    var metricsTop: Int = 20

    func validate() throws {
        guard WatchDuration.seconds(every) != nil else {
            throw ValidationError("--every must be a duration such as 30s, 5m or 1h, not '\(every)'")
        }
        if let duration, WatchDuration.seconds(duration) == nil {
            throw ValidationError("--for must be a duration such as 30s, 5m or 1h, not '\(duration)'")
        }
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        if let keep, keep < 2 { throw ValidationError("--keep must be at least 2 (a trend needs two snapshots)") }
        if metricsTop < 1 { throw ValidationError("--metrics-top must be positive") }
        if let webhook, !(webhook.hasPrefix("http://") || webhook.hasPrefix("https://")) || URL(string: webhook) == nil {
            throw ValidationError("--webhook must be an http:// or https:// URL")
        }
    }

    func schedule() -> Watcher.Schedule {
        Watcher.Schedule(every: WatchDuration.seconds(every) ?? 60, count: count, duration: duration.flatMap(WatchDuration.seconds))
    }

    /// The alert dispatcher, or nil when no hook is given.
    func alertDispatcher(log: Logger) -> AlertDispatcher? {
        guard onAlert != nil || webhook != nil else { return nil }
        return AlertDispatcher(command: onAlert, webhook: webhook.flatMap(URL.init(string:)), log: log)
    }

    /// One directory name per target: `host_port`, with `.kind` added when
    /// two URLs share a host and port.
    static func targetNames(_ requests: [FetchRequest]) throws -> [String] {
        let plain = requests.map { SnapshotName.target(of: $0.url) }
        let names = requests.enumerated().map { index, request in
            plain.filter { $0 == plain[index] }.count > 1 ? plain[index] + "." + SnapshotName.kind(of: request.url) : plain[index]
        }
        guard Set(names).count == names.count else { throw ValidationError("two URLs name the same target; watch each endpoint once") }
        return names
    }
}

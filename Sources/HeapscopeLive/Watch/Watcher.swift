import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport
import Logging

/// `heapscope watch`: captures every target once per tick, saves each
/// snapshot, judges each series as `trend` does, prints one line per
/// capture (and the suspects table when the set changes), alerts on state
/// changes and updates the metrics. A failed capture is logged, counted and
/// retried at the next tick; it never stops the watch. `stop()` (SIGINT,
/// SIGTERM) abandons the capture in flight and ends the watch.
package final class Watcher: @unchecked Sendable {
    package struct Schedule: Sendable {
        /// Seconds between ticks.
        package var every: Double
        /// Stop after this many ticks.
        package var count: Int?
        /// Stop once this many seconds have passed.
        package var duration: Double?

        package init(every: Double, count: Int?, duration: Double?) {
            self.every = every
            self.count = count
            self.duration = duration
        }
    }

    private let targets: [TargetSeries]
    private let schedule: Schedule
    private let decode: DecodeOptions
    private let unit: String
    private let log: Logger
    private let output: @Sendable (String) -> Void
    private let alerts: AlertDispatcher?
    private let metrics: WatchMetrics?
    private var alertStates: [String: AlertState] = [:]
    private var hinted: Set<String> = []
    private let lock = NSLock()
    private var stopped = false
    private var current: ProfileDownload?
    private let wake = DispatchSemaphore(value: 0)

    package init(
        targets: [TargetSeries], schedule: Schedule, decode: DecodeOptions, unit: String, log: Logger,
        alerts: AlertDispatcher?, metrics: WatchMetrics?, output: @escaping @Sendable (String) -> Void
    ) {
        self.targets = targets
        self.schedule = schedule
        self.decode = decode
        self.unit = unit
        self.log = log
        self.alerts = alerts
        self.metrics = metrics
        self.output = output
        for target in targets {
            var state = AlertState()
            _ = state.update(suspects: target.suspects.map(\.name))
            alertStates[target.name] = state
        }
    }

    /// True once `stop()` was called.
    package var isStopped: Bool { lock.withLock { stopped } }

    /// Ends the watch: the capture in flight is abandoned (nothing partial
    /// is saved) and `run()` returns after the current step.
    package func stop() {
        let download = lock.withLock { () -> ProfileDownload? in
            stopped = true
            return current
        }
        download?.cancel()
        wake.signal()
    }

    /// Runs until the schedule ends or `stop()`; returns the ticks run.
    @discardableResult
    package func run() -> Int {
        for target in targets {
            if target.restored > 0 {
                log.info("\(target.name): continuing the series of \(target.restored) snapshots in \(target.directory)")
            }
            for (file, reason) in target.unreadable { log.warning("\(target.name): left out \(file): \(reason)") }
            metrics?.update(target)
        }
        let start = Date()
        var tick = 0
        while !isStopped {
            if let count = schedule.count, tick >= count { break }
            for target in targets where !isStopped { capture(target) }
            tick += 1
            if let count = schedule.count, tick >= count { break }
            let next = start.addingTimeInterval(Double(tick) * schedule.every)
            if let duration = schedule.duration, next.timeIntervalSince(start) >= duration { break }
            let pause = next.timeIntervalSinceNow
            if pause > 0 { _ = wake.wait(timeout: .now() + pause) }
        }
        alerts?.drain(limit: 30)
        return tick
    }

    private func capture(_ target: TargetSeries) {
        let download = ProfileDownload(target.request, options: decode)
        lock.withLock { current = download }
        defer { lock.withLock { current = nil } }
        guard !isStopped else { return }
        do {
            let saved = try SnapshotCapture.capture(download, request: target.request, to: .directory(target.directory))
            report(try target.record(saved), of: target)
        } catch FetchError.cancelled where isStopped {
            log.info("\(target.name): capture abandoned (stopping); nothing partial was saved")
        } catch {
            target.recordFailure()
            log.error(
                "\(target.name): capture failed (\(target.failures) so far; retrying at the next tick): \(target.request.source): \(error)")
        }
        metrics?.update(target)
    }

    private func report(_ capture: CaptureReport, of target: TargetSeries) {
        let time = Self.rfc3339(capture.time)
        output(
            WatchRenderer.captureLine(
                time: time, target: target.name, total: capture.total, change: capture.change,
                suspects: capture.suspects, sampleUnit: capture.sampleUnit, unit: unit))
        if capture.suspectsChanged {
            WatchRenderer.suspectsTable(target: target.name, suspects: capture.suspects, sampleUnit: capture.sampleUnit, unit: unit)
                .forEach(output)
        }
        if capture.identical && !hinted.contains(target.name) {
            hinted.insert(target.name)
            log.notice(
                "\(target.name): two captures in a row are identical (no GC ran in between); add ?gc=1 to the URL, e.g. \(target.request.source.contains("?") ? target.request.source + "&gc=1" : target.request.source + "?gc=1")"
            )
        }
        if let status = alertStates[target.name, default: AlertState()].update(suspects: capture.suspects.map(\.name)) {
            let alert = Alert(target: target.name, status: status, time: time, total: capture.total, suspects: capture.suspects)
            log.notice("\(target.name): alert \(status.rawValue): \(capture.suspects.count) suspects")
            alerts?.send(alert)
        }
    }

    /// `2026-12-01T05:15:00Z`.
    package static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

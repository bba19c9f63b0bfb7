import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeLive
import HeapscopeReport
import Logging

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Capture heap profiles from running services on a schedule and name their leaks as they grow.",
        discussion: """
            Every --every, each URL is downloaded and saved in DIR/TARGET (e.g. \
            snapshots/127.0.0.1_6060/127.0.0.1_6060.heap.20261201T051500Z.pb.gz, \
            written atomically), and the series is judged as `heapscope trend` \
            judges it (every trend option applies). One line per capture: time, \
            target, total, change since the last capture, suspects. The suspects \
            table is printed when the set of suspects changes. A restart with the \
            same --dir continues the series. A failed capture is logged, counted \
            and retried at the next tick; it never stops the watch.

            Alerts go out when a new suspect appears (firing) and when none is \
            left (resolved): --on-alert runs a shell command with the alert JSON \
            on standard input, --webhook POSTs it (with retries). \
            --metrics-addr serves /metrics for Prometheus.

            SIGINT or SIGTERM abandons the capture in flight, prints the summary \
            and exits. Exit status: with --count or --for, 3 when a gate \
            (--fail-on-growth, --max-growth, --max-growth-rate, --limit) failed at \
            the end, else 0; 1 error; 64 usage error. See docs/live.md.

            Examples (URL='http://127.0.0.1:6060/debug/pprof/heap?gc=1'):
              heapscope watch --every 1m --dir snapshots/ "$URL"
              heapscope watch --every 30s --count 20 --fail-on-growth --dir soak/ "$URL"
              heapscope watch --every 5m --keep 288 --dir snaps/ --metrics-addr 127.0.0.1:9464 "$URL"
              heapscope watch --every 1m --dir snaps/ --on-alert 'jq -c . >> alerts.log' "$URL"
              heapscope watch --every 1m --dir snaps/ --webhook http://127.0.0.1:9000/hook "$URL" "$URL2"
            """)

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var report: ReportFlags
    @OptionGroup(title: "Filters") var filters: FilterFlags
    @OptionGroup(title: "Trend") var trend: TrendOptions
    @OptionGroup(title: "Watch") var watch: WatchOptions

    @Argument(help: "Profile endpoints, e.g. 'http://127.0.0.1:6060/debug/pprof/heap?gc=1'. Each is its own target.")
    var urls: [String]

    func validate() throws {
        if urls.isEmpty { throw ValidationError("give at least one URL") }
    }

    func run() throws {
        let decode = try profileOptions.decodeOptions()
        let analysis = WatchAnalysis(
            options: report.reportOptions(sampleIndex: profileOptions.selectedSampleIndex(), defaultNodeCount: 0),
            filter: try filters.makeFilter(), settings: try trend.settings(basis: report.cum ? .cum : .flat),
            gates: try trend.gates())
        let requests = try urls.map { url in try failing(url) { try profileOptions.source.remote.request(url) } }
        let targets = try zip(requests, try WatchOptions.targetNames(requests)).map { request, name in
            try failing("\(watch.directory)/\(name)") {
                try TargetSeries(request: request, root: watch.directory, name: name, analysis: analysis, keep: watch.keep, decode: decode)
            }
        }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let log = Logger(label: "heapscope")
        let metrics = watch.metricsAddress.map { _ in WatchMetrics(top: watch.metricsTop) }
        let server = try startMetricsServer(metrics, log: log)
        let alerts = watch.alertDispatcher(log: log)
        let unit = report.unit == "minimum" ? "auto" : report.unit
        let watcher = Watcher(
            targets: targets, schedule: watch.schedule(), decode: decode, unit: unit, log: log,
            alerts: alerts, metrics: metrics, output: { try? writeOutput($0 + "\n", escaping: true) })
        let signals = StopSignals { number in
            log.notice("received \(number == SIGINT ? "SIGINT" : "SIGTERM"); stopping")
            watcher.stop()
        }
        watcher.run()
        withExtendedLifetime(signals) {}
        server?.stopInBackground()
        try finish(targets, unit: unit)
    }

    /// Prints the summary and the gate's breaches; exit 3 when a gate failed
    /// and the watch had its own end (--count, --for).
    private func finish(_ targets: [TargetSeries], unit: String) throws {
        var failed = false
        for target in targets {
            try writeOutput(
                WatchRenderer.summaryLine(
                    target: target.name, captures: target.captures, failures: target.failures,
                    snapshots: target.files.count, directory: target.directory,
                    suspects: target.suspects) + "\n", escaping: true)
            guard let view = target.view else { continue }
            let breaches = try failing(target.name) { try target.breaches() }
            for line in TrendRenderer.breachLines(breaches, view: view, unit: report.unit) {
                printError("heapscope: \(target.name): " + line.replacingOccurrences(of: "heapscope: ", with: ""))
            }
            failed = failed || !breaches.isEmpty
        }
        if failed && (watch.count != nil || watch.duration != nil) { throw ExitCode(3) }
    }

    private func startMetricsServer(_ metrics: WatchMetrics?, log: Logger) throws -> MetricsServer? {
        guard let metrics, let address = watch.metricsAddress else { return nil }
        let server = try failing { try MetricsServer(address: address, metrics: metrics) }
        let listening = try failing("--metrics-addr \(address)") { try server.startBlocking() }
        log.notice("serving metrics on http://\(listening)/metrics")
        return server
    }
}

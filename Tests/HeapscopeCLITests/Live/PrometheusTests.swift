import Foundation
import Testing

/// The real Prometheus tools against heapscope: the shipped rules pass
/// `promtool test rules`, a running watch's /metrics passes
/// `promtool check metrics`, and a Prometheus server started on loopback
/// (free port, temporary storage) scrapes the watch and answers a query
/// for `heapscope_leak_suspect`.
@Suite("Prometheus", .serialized)
struct PrometheusTests {
    @Test func shippedRulesPassTheirUnitTests() throws {
        let result = try runTool(
            "promtool", ["test", "rules", "heapscope-rules.test.yml"],
            directory: CLI.root.appendingPathComponent("docs/prometheus"))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS"))
    }

    @Test func prometheusScrapesARunningWatch() throws {
        let service = try GoServer("leakysvc", ["-every", "20ms", "-ticks", "3000", "-exit-after", "3m"])
        defer { service.stop() }
        let directory = try temporaryDirectory("heapscope-prometheus")
        defer { try? FileManager.default.removeItem(at: directory) }
        let watch = try BackgroundCLI([
            "watch", "--every", "300ms", "--metrics-addr", "127.0.0.1:0", "--metrics-top", "3",
            "--dir", directory.appendingPathComponent("snaps").path,
            service.url + "/debug/pprof/heap?gc=1",
        ])
        defer { watch.send(SIGKILL) }
        #expect(watch.wait(timeout: 20) { $0.stderr.contains("serving metrics on http://") }, "\(watch.stderr)")
        let metricsURL = try #require(watch.stderr.firstMatch(of: /serving metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/)?.1).description
        #expect(watch.wait(timeout: 30) { $0.stdout.contains("main.cacheNeverEvicts") }, "\(watch.stdout)")

        // The exposition: every family, bounded per-site series, valid for promtool.
        let text = try #require(httpGet(metricsURL))
        for family in [
            "heapscope_heap_bytes", "heapscope_site_bytes", "heapscope_site_growth_bytes_per_hour",
            "heapscope_leak_suspect", "heapscope_leak_suspects", "heapscope_captures_total",
            "heapscope_capture_errors_total", "heapscope_last_capture_timestamp_seconds",
        ] {
            #expect(
                text.contains("\n# TYPE \(family) ") || text.hasPrefix("# HELP \(family) ") || text.contains("\n# HELP \(family) "),
                "\(family)")
        }
        let siteSeries = text.split(separator: "\n").filter { $0.hasPrefix("heapscope_site_bytes{") }
        #expect(!siteSeries.isEmpty && siteSeries.count <= 6, "at most 3 largest + 3 suspects: \(siteSeries)")
        let metricsFile = directory.appendingPathComponent("metrics.txt")
        try Data(text.utf8).write(to: metricsFile)
        let check = try runTool("sh", ["-c", "promtool check metrics < '\(metricsFile.path)'"])
        #expect(check.status == 0, "\(check.output)")

        // A real Prometheus scraping the watch once a second.
        let port = try freeLoopbackPort()
        let scrapeTarget = metricsURL.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "/metrics", with: "")
        let config = directory.appendingPathComponent("prometheus.yml")
        try """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - \(CLI.root.path)/docs/prometheus/heapscope-rules.yml
        scrape_configs:
          - job_name: heapscope
            static_configs:
              - targets: ['\(scrapeTarget)']
        """.write(to: config, atomically: true, encoding: .utf8)
        let prometheus = Process()
        prometheus.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        prometheus.arguments = [
            "prometheus", "--config.file=\(config.path)",
            "--storage.tsdb.path=\(directory.appendingPathComponent("tsdb").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        prometheus.standardOutput = FileHandle.nullDevice
        prometheus.standardError = FileHandle.nullDevice
        try prometheus.run()
        defer {
            kill(prometheus.processIdentifier, SIGKILL)
            prometheus.waitUntilExit()
        }
        let query = "http://127.0.0.1:\(port)/api/v1/query?query=heapscope_leak_suspect%3D%3D1"
        var answer = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            answer = httpGet(query, timeout: 2) ?? ""
            if answer.contains("main.cacheNeverEvicts") { break }
            usleep(500_000)
        }
        #expect(answer.contains(#""status":"success""#), "\(answer)")
        #expect(answer.contains(#""function":"main.cacheNeverEvicts""#), "\(answer)")
        #expect(answer.contains(#""job":"heapscope""#))
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw GoServerError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw GoServerError("bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeTestSupport
import Testing

@testable import HeapscopeLive

/// The exposition of a series whose growing site has a hostile name:
/// escaped as the text format requires, bounded by --metrics-top, and
/// accepted by the real `promtool check metrics`.
@Suite struct WatchMetricsTests {
    static let hostileName = "main.weird\"quote\\back{brace}"

    static func series(in directory: String) throws -> TargetSeries {
        let target = directory + "/t"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for step in 0..<5 {
            var profile = SyntheticProfile(
                samples: [
                    .init([hostileName, "main.main"], [1, 100_000 * Int64(step + 1), 1, 100_000 * Int64(step + 1)]),
                    .init(["main.stable", "main.main"], [1, 50_000, 1, 50_000]),
                    .init(["main.small", "main.main"], [1, 4096, 1, 4096]),
                ], timeNanos: 1_796_102_100_000_000_000 + Int64(step) * 60_000_000_000)
            profile.period = 4096
            try SnapshotWriter.write(try gzipped(profile.encoded()), to: target + "/t.heap.2026120105\(10 + step)00Z.pb.gz")
        }
        let analysis = WatchAnalysis(options: ReportOptions(), filter: nil, settings: TrendSettings(), gates: TrendGates())
        return try TargetSeries(
            request: FetchRequest("http://127.0.0.1:1/heap"), root: directory, name: "t",
            analysis: analysis, keep: nil, decode: DecodeOptions())
    }

    @Test func escapedBoundedAndValid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-metrics-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let series = try Self.series(in: directory)
        #expect(series.restored == 5)
        #expect(series.suspects.map(\.name) == [Self.hostileName])
        let metrics = WatchMetrics(top: 1)
        metrics.update(series)
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        let escaped = #"function="main.weird\"quote\\back{brace}""#
        #expect(text.contains(#"heapscope_leak_suspect{target="t","# + escaped + "} 1"), "\(text)")
        #expect(text.contains(#"heapscope_site_bytes{target="t","# + escaped + "} 500000"), "\(text)")
        #expect(text.contains(#"heapscope_leak_suspects{target="t"} 1"#))
        #expect(text.contains(#"heapscope_last_capture_timestamp_seconds{target="t"} 1796102340"#), "the newest restored snapshot's time")
        #expect(text.contains(#"heapscope_heap_bytes{target="t",sample_type="inuse_space"} 554096"#), "\(text)")
        // --metrics-top 1: only the largest site (the suspect) has per-site series.
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("heapscope_site_bytes{") }.count == 1)
        #expect(!text.contains("main.stable"))

        let file = directory + "/metrics.txt"
        try Data(metrics.exposition()).write(to: URL(fileURLWithPath: file))
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/sh")
        check.arguments = ["-c", "promtool check metrics < '\(file)'"]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }
}

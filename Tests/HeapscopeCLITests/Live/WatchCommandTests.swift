import Foundation
import Testing

/// `heapscope watch` against the real Go service and the hostile server,
/// all on loopback, every run bounded by --count and a timeout.
@Suite("heapscope watch", .serialized)
struct WatchCommandTests {
    static func leakyService() throws -> GoServer {
        try GoServer("leakysvc", ["-every", "20ms", "-ticks", "3000", "-exit-after", "3m"])
    }

    static func hostileServer() throws -> GoServer {
        try GoServer("hostilehttp", ["-profile", URLInputTests.fixture, "-exit-after", "3m"])
    }

    @Test func namesTheLeaksAlertsAndFailsTheGate() throws {
        let service = try Self.leakyService()
        defer { service.stop() }
        let receiver = try Self.hostileServer()
        defer { receiver.stop() }
        let directory = try temporaryDirectory("heapscope-watch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let alertFile = directory.appendingPathComponent("alerts.jsonl").path
        let url = service.url + "/debug/pprof/heap?gc=1"
        let watch = try BackgroundCLI([
            "watch", "--every", "400ms", "--count", "6", "--fail-on-growth",
            "--dir", directory.appendingPathComponent("snaps").path,
            "--on-alert", "cat >> '\(alertFile)'; echo >> '\(alertFile)'",
            "--webhook", receiver.url + "/hook", url,
        ])
        let status = watch.exitStatus(timeout: 60)
        #expect(status == 3, "stderr: \(watch.stderr)")
        let lines = watch.stdout.split(separator: "\n").map(String.init)
        let target = "127.0.0.1_" + (service.address.split(separator: ":").last.map(String.init) ?? "")
        let captureLines = lines.filter { $0.contains(" \(target) total ") }
        #expect(captureLines.count == 6, "\(watch.stdout)")
        #expect(
            captureLines.first?.range(
                of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1_\d+ total [0-9.]+[kM]B change first suspects 0$"#,
                options: .regularExpression) != nil, "\(captureLines)")
        #expect(
            lines.contains("suspects of \(target) (\(captureLines.last.map(Self.suspectCount) ?? -1)):")
                || lines.contains { $0.hasPrefix("suspects of \(target) (") })
        for leak in ["main.cacheNeverEvicts", "main.captureInClosure"] {
            #expect(captureLines.last?.contains(leak) == true, "\(leak): \(captureLines.last ?? "")")
            #expect(watch.stderr.contains("heapscope: \(target): growing: \(leak) +"), "\(watch.stderr)")
        }
        #expect(!(captureLines.last?.contains("BoundedCache") ?? true), "the bounded control is not a suspect")
        #expect(lines.last?.hasPrefix("summary \(target): 6 captures (0 failed), 6 snapshots in ") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("snaps/\(target)").path)
        #expect(files.count == 6 && files.allSatisfy { $0.hasPrefix(target + ".heap.") && $0.hasSuffix(".pb.gz") })

        // Alerts on state changes only (the first suspects, then each new one
        // joining), to both hooks: far fewer than the 6 captures.
        let alerts = ((try? String(contentsOfFile: alertFile, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect((1...3).contains(alerts.count), "\(alerts)")
        #expect(alerts.allSatisfy { $0.contains(#""status":"firing""#) })
        let alert = try #require(alerts.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(alert["target"] as? String == target)
        #expect(alert["status"] as? String == "firing")
        #expect((alert["total"] as? Int ?? 0) > 0)
        let suspects = alert["suspects"] as? [[String: Any]] ?? []
        #expect(
            suspects.contains {
                $0["name"] as? String == "main.cacheNeverEvicts" && ($0["delta"] as? Int ?? 0) > 0 && $0["slope_per_hour"] is Double
            })
        let posted = receiver.url + "/hook/bodies"
        #expect(httpGet(posted)?.split(separator: "\n").map(String.init) == alerts.map(String.init))
    }

    @Test func failingHooksAreLoggedAndNeverStopTheWatch() throws {
        let service = try Self.leakyService()
        defer { service.stop() }
        let receiver = try Self.hostileServer()
        defer { receiver.stop() }
        let directory = try temporaryDirectory("heapscope-watch-hooks")
        defer { try? FileManager.default.removeItem(at: directory) }
        let watch = try BackgroundCLI([
            "watch", "--every", "300ms", "--count", "5", "--dir", directory.path,
            "--on-alert", "exit 7", "--webhook", receiver.url + "/hook-fail",
            service.url + "/debug/pprof/heap?gc=1",
        ])
        #expect(watch.exitStatus(timeout: 60) == 0, "\(watch.stderr)")
        let target = "127.0.0.1_" + (service.address.split(separator: ":").last.map(String.init) ?? "")
        #expect(watch.stdout.contains("summary \(target): 5 captures (0 failed)"))
        #expect(watch.stderr.contains("alert command for \(target) exited with status 7"))
        #expect(watch.stderr.contains("webhook for \(target): attempt 1 of 4 failed: HTTP status 500"))
        #expect(watch.stderr.contains("webhook for \(target): giving up after 4 attempts; the watch goes on"))
        // Four attempts per alert (a new suspect joining later alerts again).
        let attempts = Int(httpGet(receiver.url + "/hook-fail/count")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        #expect(attempts >= 4 && attempts % 4 == 0, "\(attempts)")
    }

    static func suspectCount(_ line: String) -> Int {
        guard let range = line.range(of: #"suspects (\d+)"#, options: .regularExpression) else { return -1 }
        return Int(line[range].split(separator: " ").last ?? "") ?? -1
    }

    @Test func survivesHostileTargetsAndFailingHooks() throws {
        let server = try Self.hostileServer()
        defer { server.stop() }
        let directory = try temporaryDirectory("heapscope-watch-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = ["/status/404", "/status/500", "/html", "/text", "/hang", "/short", "/bomb", "/redirect"]
        let watch = try BackgroundCLI(
            [
                "watch", "--every", "200ms", "--count", "2", "--timeout", "1", "--max-decompressed-size", "2MB",
                "--dir", directory.path, "--webhook", server.url + "/hook-fail", "--on-alert", "exit 7",
                server.url + "/flaky",
            ] + hostile.map { server.url + $0 })
        let status = watch.exitStatus(timeout: 90)
        #expect(status == 0, "\(watch.stderr)")
        let port = server.address.split(separator: ":").last.map(String.init) ?? ""
        let summaries = watch.stdout.split(separator: "\n").filter { $0.hasPrefix("summary ") }
        #expect(summaries.count == hostile.count + 1, "\(watch.stdout)")
        #expect(
            summaries.first
                == "summary 127.0.0.1_\(port).flaky: 1 captures (1 failed), 1 snapshots in \(directory.path)/127.0.0.1_\(port).flaky, suspects 0"
        )
        for name in ["404", "500", "html", "text", "hang", "short", "bomb", "redirect"] {
            #expect(summaries.contains { $0.hasPrefix("summary 127.0.0.1_\(port).\(name): 0 captures (2 failed), 0 snapshots") }, "\(name)")
            #expect(watch.stderr.contains("127.0.0.1_\(port).\(name): capture failed (2 so far; retrying at the next tick)"), "\(name)")
        }
        #expect(watch.stderr.contains("the response body is truncated"))
        #expect(watch.stderr.contains("decompressed profile is larger than the limit"))
        // Only complete profiles on disk: one from /flaky, nothing else.
        let saved = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".pb.gz") || $0.contains(".tmp")
        }
        #expect(saved.count == 1, "\(saved)")
    }

    @Test func restartContinuesKeepPrunesAndIdenticalCapturesHint() throws {
        let server = try Self.hostileServer()
        defer { server.stop() }
        let directory = try temporaryDirectory("heapscope-watch-restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = server.url + "/profile"
        let first = try CLI.run(["watch", "--every", "100ms", "--count", "3", "--dir", directory.path, url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("two captures in a row are identical (no GC ran in between); add ?gc=1 to the URL, e.g. \(url)?gc=1"))
        let port = server.address.split(separator: ":").last.map(String.init) ?? ""
        let target = directory.appendingPathComponent("127.0.0.1_\(port)").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).count == 3)
        let second = try CLI.run(["watch", "--every", "100ms", "--count", "2", "--keep", "4", "--dir", directory.path, url])
        #expect(second.status == 0)
        #expect(second.stderr.contains("127.0.0.1_\(port): continuing the series of 3 snapshots in \(target)"))
        #expect(second.stdout.contains("summary 127.0.0.1_\(port): 2 captures (0 failed), 4 snapshots in \(target)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).count == 4)
    }

    @Test func signalsFinishCleanly() throws {
        let server = try Self.hostileServer()
        defer { server.stop() }
        let directory = try temporaryDirectory("heapscope-watch-signal")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (signal, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            // /slow takes 2 s: the signal arrives mid-capture and abandons it.
            let watch = try BackgroundCLI(["watch", "--every", "100ms", "--fail-on-growth", "--dir", directory.path, server.url + "/slow"])
            #expect(watch.wait(timeout: 20) { $0.stdout.contains(" total ") }, "\(watch.stderr)")
            watch.send(signal)
            #expect(watch.exitStatus(timeout: 10) == 0, "\(name): \(watch.stderr)")
            #expect(watch.stderr.contains("received \(name); stopping"))
            #expect(watch.stdout.contains("summary 127.0.0.1_"), "\(name)")
        }
    }

    @Test func sigkillMidCaptureLeavesOnlyCompleteProfiles() throws {
        let server = try Self.hostileServer()
        defer { server.stop() }
        let directory = try temporaryDirectory("heapscope-watch-kill")
        defer { try? FileManager.default.removeItem(at: directory) }
        let watch = try BackgroundCLI(["watch", "--every", "50ms", "--dir", directory.path, server.url + "/slow"])
        #expect(watch.wait(timeout: 20) { $0.stdout.contains(" total ") })
        usleep(1_000_000)  // the next capture is half-way through its 2 s body
        watch.send(SIGKILL)
        _ = watch.exitStatus(timeout: 10)
        let port = server.address.split(separator: ":").last.map(String.init) ?? ""
        let target = directory.appendingPathComponent("127.0.0.1_\(port)").path
        let files = try FileManager.default.contentsOfDirectory(atPath: target)
        #expect(!files.isEmpty)
        for file in files {
            #expect(file.hasSuffix(".pb.gz") && !file.hasPrefix("."), "\(file)")
            #expect(try CLI.run(["info", target + "/" + file]).status == 0, "\(file) is complete")
        }
        let restart = try CLI.run(["watch", "--every", "100ms", "--count", "1", "--dir", directory.path, server.url + "/slow"])
        #expect(restart.status == 0)
        #expect(restart.stderr.contains("continuing the series of \(files.count) snapshots"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).count == files.count + 1)
    }

    @Test func usageErrors() throws {
        for arguments in [
            ["--every", "soon"], ["--every", "1s", "--for", "x"], ["--every", "1s", "--keep", "1"],
            ["--every", "1s", "--webhook", "ftp://x"], ["--every", "1s", "--count", "0"],
        ] {
            let result = try CLI.run(["watch"] + arguments + ["--dir", "/tmp/x", "http://127.0.0.1:1/heap"])
            #expect(result.status == 64, "\(arguments)")
        }
        let bad = try CLI.run([
            "watch", "--every", "1s", "--count", "1", "--dir", "/tmp/x", "--metrics-addr", "nowhere", "http://127.0.0.1:1/heap",
        ])
        #expect(bad.status == 1)
        #expect(bad.stderr == "heapscope: error: --metrics-addr must be HOST:PORT such as 127.0.0.1:9464, not 'nowhere'\n")
    }
}

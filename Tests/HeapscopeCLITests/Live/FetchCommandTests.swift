import Foundation
import Testing

@Suite("heapscope fetch")
struct FetchCommandTests {
    @Test func savesNamedSnapshots() throws {
        let service = try GoServer("leakysvc", ["-every", "20ms", "-ticks", "20", "-exit-after", "2m"])
        defer { service.stop() }
        let server = try GoServer("hostilehttp", ["-profile", URLInputTests.fixture, "-exit-after", "2m"])
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-fetch-\(UUID().uuidString)/snaps")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }

        let urls = [service.url + "/debug/pprof/heap?gc=1", server.url + "/html", server.url + "/profile"]
        let result = try CLI.run(["fetch", "--output-dir", directory.path] + urls)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "heapscope: error: \(server.url)/html: the server sent an HTML page (Content-Type: text/html; charset=utf-8), not a profile; is this the /debug/pprof/heap endpoint?\n"
        )
        let printed = result.stdout.split(separator: "\n").map(String.init)
        #expect(printed.count == 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 2, "only complete profiles, no temporary files: \(files)")
        let servicePort = service.address.split(separator: ":").last.map(String.init) ?? ""
        let serverPort = server.address.split(separator: ":").last.map(String.init) ?? ""
        #expect(
            printed.first?.range(of: #"/127\.0\.0\.1_\#(servicePort)\.heap\.\d{8}T\d{6}Z\.pb\.gz$"#, options: .regularExpression) != nil,
            "\(printed)")
        // The profile's own time names it: mapleak's fixture was written on 2026-11-28.
        #expect(printed.last == directory.path + "/127.0.0.1_\(serverPort).profile.20261128T023220Z.pb.gz")
        // Saved as sent, byte for byte.
        #expect(
            FileManager.default.contents(atPath: printed.last ?? "")
                == FileManager.default.contents(atPath: CLI.root.appendingPathComponent(URLInputTests.fixture).path))
        let top = try CLI.run(["top", printed.first ?? ""])
        #expect(top.status == 0 && top.stdout.contains("main.cacheNeverEvicts"))
    }

    @Test func outputFileAndUsage() throws {
        let server = try GoServer("hostilehttp", ["-profile", URLInputTests.fixture, "-exit-after", "2m"])
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-fetch-\(UUID().uuidString).pb.gz").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CLI.run(["fetch", "-o", file, server.url + "/profile"])
        #expect(result.status == 0)
        #expect(result.stdout == file + "\n")
        #expect(try CLI.run(["top", file]).stdout == (try CLI.run(["top", URLInputTests.fixture])).stdout)
        // A failed download leaves no file behind.
        let missing = file + ".missing.pb.gz"
        let failed = try CLI.run(["fetch", "-o", missing, server.url + "/short"])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(try CLI.run(["fetch", "-o", file, "http://a/x", "http://b/y"]).status == 64)
        #expect(try CLI.run(["fetch", "-o", file, "--output-dir", "/tmp", "http://a/x"]).status == 64)
    }
}

import Foundation
import Testing

/// Every command reads http(s) URLs as it reads files: the same output for
/// the same profile, and one error line naming the URL for each way a
/// download can fail (served by the hostilehttp Go server on loopback).
@Suite("Profiles over HTTP", .serialized)
struct URLInputTests {
    static let fixture = "Fixtures/profiles/mapleak.pb.gz"

    @Test func urlMatchesFile() throws {
        let server = try GoServer("hostilehttp", ["-profile", Self.fixture, "-exit-after", "2m"])
        defer { server.stop() }
        let url = server.url + "/profile"
        let cases: [([String], [String])] = [
            (["top", url], ["top", Self.fixture]),
            (["top", "--cum", "--nodecount", "5", url + "?gc=1"], ["top", "--cum", "--nodecount", "5", Self.fixture]),
            (["tree", server.url + "/redirect-once"], ["tree", Self.fixture]),
            (["info", "--format", "json", url], ["info", "--format", "json", Self.fixture]),
            (
                ["diff", "Fixtures/profiles/series/mapleak-1.pb.gz", url],
                ["diff", "Fixtures/profiles/series/mapleak-1.pb.gz", Self.fixture]
            ),
            (["top", "--diff-base", url, Self.fixture], ["top", "--diff-base", Self.fixture, Self.fixture]),
            (
                ["trend", "Fixtures/profiles/series/mapleak-1.pb.gz", url],
                ["trend", "Fixtures/profiles/series/mapleak-1.pb.gz", Self.fixture]
            ),
            (["top", "--header", "Authorization: Bearer s3cret", server.url + "/auth"], ["top", Self.fixture]),
            (["top", "--seconds", "5", server.url + "/delta"], ["top", Self.fixture]),
        ]
        for (remote, local) in cases {
            let fromURL = try CLI.run(remote)
            let fromFile = try CLI.run(local)
            #expect(fromURL.status == fromFile.status, "\(remote): \(fromURL.stderr)")
            #expect(!fromURL.stdout.isEmpty)
            // trend names its snapshots: the URL where the file was.
            #expect(fromURL.stdout.replacingOccurrences(of: url, with: Self.fixture) == fromFile.stdout, "\(remote)")
        }
    }

    struct Failure: CustomStringConvertible, Sendable {
        let path: String
        var arguments: [String] = []
        let message: String
        var description: String { path }
    }

    static let failures: [Failure] = [
        Failure(path: "/status/404", message: "HTTP status 404 (Not Found), expected 200"),
        Failure(path: "/status/500", message: "HTTP status 500 (Internal Server Error), expected 200"),
        Failure(
            path: "/html",
            message:
                "the server sent an HTML page (Content-Type: text/html; charset=utf-8), not a profile; is this the /debug/pprof/heap endpoint?"
        ),
        Failure(
            path: "/text",
            message: "the server sent text (Content-Type: text/plain; charset=utf-8), not a profile: \"goroutine 1 [running]:\""),
        Failure(path: "/hang", arguments: ["--timeout", "1"], message: "timed out after 1 s (raise it with --timeout)"),
        Failure(path: "/short", message: "the response body is truncated (the connection closed after 2292 of 4584 bytes)"),
        Failure(
            path: "/bomb", arguments: ["--max-decompressed-size", "2MB"],
            message: "decompressed profile is larger than the limit of 2097152 bytes (raise it with --max-decompressed-size)"),
        Failure(path: "/redirect", message: "too many redirects (stopped after 10)"),
        Failure(
            path: "/auth", arguments: ["--header", "Authorization: Bearer not-the-secret-42"],
            message: "HTTP status 401 (Unauthorized), expected 200"),
        Failure(path: "/delta", message: "HTTP status 400 (Bad Request), expected 200"),
    ]

    @Test func hostileServers() throws {
        let server = try GoServer("hostilehttp", ["-profile", Self.fixture, "-exit-after", "2m"])
        defer { server.stop() }
        for failure in Self.failures {
            let url = server.url + failure.path
            let started = Date()
            let result = try CLI.run(["top"] + failure.arguments + [url])
            #expect(result.status == 1, "\(failure.path)")
            #expect(result.stdout.isEmpty, "\(failure.path)")
            #expect(result.stderr == "heapscope: error: \(url): \(failure.message)\n")
            #expect(!result.stderr.contains("not-the-secret-42"))
            #expect(Date().timeIntervalSince(started) < 20, "\(failure.path) took too long")
        }
    }

    @Test func connectionRefusedAndBadURLs() throws {
        // Nothing listens on port 1 of the loopback address.
        let cases = [
            ("http://127.0.0.1:1/debug/pprof/heap", "connection refused (is the service running and listening on this port?)"),
            ("ftp://127.0.0.1/heap", "only http:// and https:// URLs are supported"),
            ("http:///heap", "not a valid URL"),
        ]
        for (url, message) in cases {
            let result = try CLI.run(["top", url])
            #expect(result.status == 1)
            #expect(result.stderr == "heapscope: error: \(url): \(message)\n")
        }
    }

    @Test func optionValues() throws {
        for arguments in [["--timeout", "0"], ["--seconds", "-3"], ["--header", "no colon"]] {
            let result = try CLI.run(["top"] + arguments + ["http://127.0.0.1:1/heap"])
            #expect(result.status == 64, "\(arguments)")
            #expect(!result.stderr.contains("no colon"))
        }
    }
}

/// The real Go service: its heap profile over HTTP names the leaking sites.
@Suite("leakysvc over HTTP")
struct LeakyServiceTests {
    @Test func topNamesTheLeaks() throws {
        let service = try GoServer("leakysvc", ["-every", "20ms", "-ticks", "50", "-exit-after", "2m"])
        defer { service.stop() }
        let result = try CLI.run(["top", "--timeout", "20", service.url + "/debug/pprof/heap?gc=1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("File: leakysvc\nType: inuse_space\n"))
        for site in ["main.cacheNeverEvicts", "main.captureInClosure", "main.churnInsertDelete"] {
            #expect(result.stdout.contains(site), "\(site)")
        }
    }
}

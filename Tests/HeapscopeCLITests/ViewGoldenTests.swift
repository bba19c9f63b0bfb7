import Foundation
import Testing

/// The Go root whose sources the `list-goroot-*` goldens were made from.
private let goldenGoRoot = "/usr/lib/go-1.19"
private let goldenGoRootPresent = FileManager.default.fileExists(atPath: goldenGoRoot + "/src/bytes/buffer.go")

/// What `go env GOROOT` prints, or nil without `go`.
private let goEnvRoot: String? = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["go", "env", "GOROOT"]
    var env = ProcessInfo.processInfo.environment
    env["GOROOT"] = nil
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}()

private func viewCases() -> [GoldenCase] {
    ["list-", "peek-", "tree-", "traces-", "tags-"].flatMap { GoldenCase.all(prefix: $0) }
        .filter { !$0.id.hasPrefix("list-goroot-") }
}

@Suite("list, peek, tree, traces and tags match go tool pprof")
struct ViewGoldenTests {
    @Test(arguments: viewCases())
    func matchesGolden(_ golden: GoldenCase) throws {
        // An empty GOROOT and no go on PATH would not change these cases, but
        // pin it so a stray GOROOT cannot either.
        try expectMatchesGolden(golden, environment: ["GOROOT": "/nonexistent-goroot"])
    }

    @Test(
        "standard-library source through $GOROOT",
        .enabled(
            if: goldenGoRootPresent,
            "needs the Go 1.19 sources at /usr/lib/go-1.19/src (Debian bookworm golang-go), which the list-goroot goldens were made from"),
        arguments: GoldenCase.all(prefix: "list-goroot-"))
    func standardLibraryFromEnvironment(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden, environment: ["GOROOT": goldenGoRoot])
    }

    @Test(
        "standard-library source through `go env GOROOT`",
        .enabled(
            if: goldenGoRootPresent && goEnvRoot == goldenGoRoot, "needs `go env GOROOT` to be /usr/lib/go-1.19 (Debian bookworm golang-go)"
        ),
        arguments: GoldenCase.all(prefix: "list-goroot-stdlib-bytes"))
    func standardLibraryFromGoEnv(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden, environment: ["GOROOT": ""])
    }

    @Test func manifestHasCases() {
        for prefix in ["list-", "peek-", "tree-", "traces-", "tags-"] {
            #expect(GoldenCase.all(prefix: prefix).count >= 10, "\(prefix)")
        }
    }

    @Test("a pattern that matches nothing is an error", arguments: ["list", "peek"])
    func noMatches(_ view: String) throws {
        let result = try CLI.run([view, "zzz_nothing", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "heapscope: error: no matches found for regexp: zzz_nothing\n")
    }

    @Test("a bad regular expression is a usage error", arguments: ["list", "peek"])
    func badPattern(_ view: String) throws {
        let result = try CLI.run([view, "main\\.(", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("Error: parsing argument regexp main\\.(: invalid regular expression\n"))
    }

    @Test("a view without a profile is a usage error", arguments: [["list", "main"], ["peek", "main"], ["tree"], ["traces"], ["tags"]])
    func missingProfile(_ args: [String]) throws {
        let result = try CLI.run(args)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error:"))
    }

    @Test("a profile that cannot be read is an error", arguments: ["tree", "traces", "tags"])
    func unreadableProfile(_ view: String) throws {
        let result = try CLI.run([view, "Fixtures/profiles/nonexistent.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: Fixtures/profiles/nonexistent.pb.gz: "))
    }

    @Test("a bad sample index is one error line", arguments: [["list", "main"], ["peek", "main"], ["tree"], ["traces"], ["tags"]])
    func badSampleIndex(_ args: [String]) throws {
        let result = try CLI.run(args + ["--sample-index", "9", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "heapscope: error: Fixtures/profiles/mapleak.pb.gz: sample_index 9 is outside the range [0..3]\n")
    }

    @Test("--help has an abstract and examples", arguments: ["list", "peek", "tree", "traces", "tags"])
    func help(_ view: String) throws {
        let result = try CLI.run([view, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("go tool pprof -\(view)"))
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--format"))
    }
}

/// The JSON of each view carries the same numbers as pprof's text.
@Suite("views as JSON")
struct ViewJSONTests {
    func json(_ args: [String]) throws -> [String: Any] {
        let result = try CLI.run(args + ["--format", "json"], environment: ["GOROOT": "/nonexistent-goroot"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    func golden(_ id: String) -> [Substring] {
        let text = (try? String(contentsOf: CLI.root.appendingPathComponent("Fixtures/golden/\(id).txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func list() throws {
        let doc = try json([
            "list", "main\\.", "--source-path", "Fixtures/generators", "--trim-path", "heapscope/fixtures",
            "Fixtures/profiles/mapleak.pb.gz",
        ])
        let text = golden("list-mapleak-main")
        #expect(doc["view"] as? String == "list")
        #expect("Total: " + (doc["total_text"] as? String ?? "") == String(text[0]))
        let routines = try #require(doc["routines"] as? [[String: Any]])
        let headers = text.filter { $0.hasPrefix("ROUTINE ") }.map(String.init)
        #expect(
            routines.map { "ROUTINE ======================== \($0["function"] as? String ?? "") in \($0["file"] as? String ?? "")" }
                == headers)
        let sourceLines = routines.reduce(0) { $0 + (($1["lines"] as? [Any])?.count ?? 0) }
        #expect(sourceLines == text.count - 1 - 1 - 2 * headers.count)
    }

    @Test func tree() throws {
        let doc = try json(["tree", "Fixtures/profiles/stdlib.pb.gz"])
        let entries = try #require(doc["entries"] as? [[String: Any]])
        let rows = golden("tree-stdlib-default").filter { $0.contains("                | ") }
        #expect(entries.map { $0["name"] as? String ?? "" } == rows.map { String($0.split(separator: "| ", maxSplits: 1)[1]) })
        #expect(
            entries.map { $0["cum_text"] as? String ?? "" }
                == rows.map { String($0.split(separator: " ", omittingEmptySubsequences: true)[3]) })
    }

    @Test func peek() throws {
        let doc = try json(["peek", "keyFor", "--sample-index", "alloc_objects", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(doc["view"] as? String == "peek")
        let entries = try #require(doc["entries"] as? [[String: Any]])
        let lines = golden("peek-mapleak-keyFor-alloc_objects")
        let neighbors = lines.filter { $0.contains(" |   ") }.count
        let listed = entries.reduce(0) { $0 + (($1["callers"] as? [Any])?.count ?? 0) + (($1["callees"] as? [Any])?.count ?? 0) }
        #expect(listed == neighbors)
    }

    @Test func traces() throws {
        let doc = try json(["traces", "Fixtures/profiles/mapleak.pb.gz"])
        let traces = try #require(doc["traces"] as? [[String: Any]])
        let rules = golden("traces-mapleak-default").filter { $0.hasPrefix("-----------+") }.count
        #expect(traces.count == rules - 1)
        let first = try #require(traces.first)
        let frames = try #require(first["frames"] as? [[String: Any]])
        #expect(!frames.isEmpty)
    }

    @Test func tags() throws {
        let doc = try json(["tags", "Fixtures/profiles/mapleak.pb.gz"])
        let keys = try #require(doc["keys"] as? [[String: Any]])
        let bytes = try #require(keys.first { $0["key"] as? String == "bytes" })
        let values = try #require(bytes["values"] as? [[String: Any]])
        let lines = golden("tags-mapleak-default").filter { $0.contains("%):") }
        #expect(values.count == lines.count)
        #expect(values.map { $0["name"] as? String ?? "" } == lines.map { String($0.split(separator: "): ", maxSplits: 1)[1]) })
        let sum = values.reduce(Int64(0)) { $0 + (($1["value"] as? NSNumber)?.int64Value ?? 0) }
        #expect(sum == (bytes["total"] as? NSNumber)?.int64Value)
    }
}

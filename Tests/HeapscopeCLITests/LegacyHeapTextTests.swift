import Foundation
import HeapscopeTestSupport
import Testing

private let sampleIndexes = ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]
private let goheapText = "Fixtures/profiles/legacy/goheap.txt"
private let goheapProto = "Fixtures/profiles/legacy/goheap.pb.gz"

/// True when `go` runs here (the fresh-pair test builds a generator).
private let goAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["go", "version"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// A report without its `File:` and `Time:` lines: the text has no binary
/// name or time, the protobuf has both.
private func body(_ report: String) -> String {
    report.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("File: ") && !$0.hasPrefix("Time: ") }
        .joined(separator: "\n")
}

/// The traces of a `traces` report as a sorted list: the text and the
/// protobuf list the same samples in different orders.
private func traceSet(_ report: String) -> [String] {
    body(report).components(separatedBy: "-----------+-------------------------------------------------------\n").dropFirst().sorted()
}

/// Expects function-level views of `text` to equal those of `proto`.
private func expectSameViews(text: String, proto: String, views: [[String]], sourceLocation: SourceLocation = #_sourceLocation) throws {
    for index in sampleIndexes {
        for view in views {
            let fromText = try CLI.run(view + ["--sample-index", index, text])
            let fromProto = try CLI.run(view + ["--sample-index", index, proto])
            #expect(fromText.status == 0, "\(fromText.stderr)", sourceLocation: sourceLocation)
            #expect(body(fromText.stdout) == body(fromProto.stdout), "\(view) \(index)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Go legacy heap text (?debug=1)")
struct LegacyHeapTextTests {
    @Test("read as go tool pprof reads it (Go text: addresses only)", arguments: GoldenCase.all(prefix: "legacy-"))
    func matchesPprof(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden)
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "legacy-goheap-").count >= 10)
    }

    @Test("totals equal pprof's in every sample index", arguments: sampleIndexes)
    func totalsEqualPprof(_ index: String) throws {
        let golden = try #require(GoldenCase.all(prefix: "legacy-goheap-unitb-\(index)").first)
        let result = try CLI.run(["top", "--unit", "B", "--sample-index", index, goheapText])
        #expect(result.status == 0)
        func total(_ report: String) -> String? {
            report.split(separator: "\n").first { $0.hasPrefix("Showing nodes") }.flatMap { $0.components(separatedBy: " of ").last }
        }
        #expect(total(result.stdout) != nil)
        #expect(total(result.stdout) == total(golden.expected))
    }

    @Test("function-level views equal those of the protobuf written at the same moment")
    func sameAsProtobuf() throws {
        try expectSameViews(text: goheapText, proto: goheapProto, views: [["top", "--cum"], ["tree"]])
        for view in [["peek", "main\\."], ["tags"]] {
            #expect(body(try CLI.run(view + [goheapText]).stdout) == body(try CLI.run(view + [goheapProto]).stdout), "\(view)")
        }
        let fromText = try CLI.run(["traces", "--sample-index", "alloc_space", goheapText])
        let fromProto = try CLI.run(["traces", "--sample-index", "alloc_space", goheapProto])
        #expect(traceSet(fromText.stdout) == traceSet(fromProto.stdout))
    }

    @Test(
        "a fresh pair from the generator gives the same views",
        .enabled(if: goAvailable, "needs go to build Fixtures/generators/legacyheap"))
    func freshPair() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = dir.appendingPathComponent("legacyheap").path
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["go", "build", "-trimpath", "-o", binary, "./legacyheap"]
        build.currentDirectoryURL = CLI.root.appendingPathComponent("Fixtures/generators")
        var env = ProcessInfo.processInfo.environment
        env["CGO_ENABLED"] = "0"
        env["GOFLAGS"] = "-mod=mod"
        build.environment = env
        try build.run()
        build.waitUntilExit()
        try #require(build.terminationStatus == 0)
        let proto = dir.appendingPathComponent("heap.pb.gz").path
        let text = dir.appendingPathComponent("heap.txt").path
        let run = Process()
        run.executableURL = URL(fileURLWithPath: binary)
        run.arguments = [proto, text]
        try run.run()
        run.waitUntilExit()
        try #require(run.terminationStatus == 0)
        try expectSameViews(text: text, proto: proto, views: [["top", "--cum"]])
    }

    @Test("frame comments name functions, files and lines; inlined frames are marked")
    func frameComments() throws {
        let result = try CLI.run(["top", "--granularity", "lines", "--sample-index", "alloc_space", goheapText])
        #expect(result.stdout.contains("main.makeRecord heapscope/fixtures/legacyheap/main.go:40 (inline)"))
        #expect(result.stdout.contains("main.retainLarge heapscope/fixtures/legacyheap/main.go:53"))
        #expect(!result.stdout.contains("runtime.goexit"))
    }

    @Test("info shows the runtime.MemStats block")
    func memStats() throws {
        let text = try String(contentsOfFile: CLI.root.appendingPathComponent(goheapText).path, encoding: .utf8)
        func stat(_ name: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix("# \(name) = ") }.map { String($0.dropFirst(name.count + 5)) }
        }
        let result = try CLI.run(["info", goheapText])
        #expect(result.status == 0)
        for name in ["HeapAlloc", "HeapInuse", "HeapSys", "HeapObjects", "NumGC", "TotalAlloc"] {
            let value = try #require(stat(name))
            #expect(
                result.stdout.split(separator: "\n").contains {
                    $0.hasPrefix("  \(name) ") && $0.hasSuffix(value) || $0.contains("(\(value))") && $0.contains(name)
                }, "\(name)")
        }
        let json = try CLI.run(["info", "--format", "json", goheapText])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let stats = try #require(object["runtime_memstats"] as? [String: Any])
        #expect((stats["NumGC"] as? Int).map(String.init) == stat("NumGC"))
    }
}

@Suite("Legacy heap text: bad input gives one error line with the line number, exit 1")
struct LegacyHeapTextErrorTests {
    static let header = "heap profile: 1: 16 [2: 32] @ heap/1024\n"

    static let cases: [BrokenInput] = [
        BrokenInput(
            name: "truncated record", bytes: Array((header + "1: 16 [2:").utf8),
            message: "parsing legacy profile: line 2: expected allocated bytes, a number"),
        BrokenInput(
            name: "bad number", bytes: Array((header + "1: 1z [2: 32] @ 0x1\n").utf8),
            message: "parsing legacy profile: line 2: expected \"[\" after the in-use values"),
        BrokenInput(
            name: "huge count", bytes: Array((header + "99999999999999999999: 16 [2: 32] @ 0x1\n").utf8),
            message: "parsing legacy profile: line 2: in-use object count 99999999999999999999 does not fit in 64 bits"),
        BrokenInput(
            name: "huge address", bytes: Array((header + "1: 16 [2: 32] @ 0x1ffffffffffffffffff\n").utf8),
            message: "parsing legacy profile: line 2: address 0x1ffffffffffffffffff does not fit in 64 bits"),
        BrokenInput(
            name: "bad address", bytes: Array((header + "1: 16 [2: 32] @ 0x1 0xg\n").utf8),
            message: "parsing legacy profile: line 2: bad hex address \"0xg\""),
        BrokenInput(
            name: "record without a stack", bytes: Array((header + "\n1: 16 [2: 32] @\n").utf8),
            message: "parsing legacy profile: line 3: record has no stack (no address after \"@\")"),
        BrokenInput(
            name: "zero count with bytes", bytes: Array((header + "0: 16 [2: 32] @ 0x1\n").utf8),
            message: "parsing legacy profile: line 2: inuse count was 0 but inuse bytes was 16"),
        BrokenInput(
            name: "bad frame comment", bytes: Array((header + "1: 16 [2: 32] @ 0x1\n#\t0xzz\tmain.f+0x1\tf.go:1\n").utf8),
            message: "parsing legacy profile: line 3: bad PC \"0xzz\" in a frame comment"),
        BrokenInput(
            name: "bad header", bytes: Array("heap profile: x\n".utf8),
            message: "parsing legacy profile: line 1: expected the header's total number 1"),
        BrokenInput(
            name: "unknown kind", bytes: Array("heap profile: 1: 16 [2: 32] @ heapx/12\n".utf8),
            message:
                "parsing legacy profile: line 1: unknown heap profile kind \"heapx\" (expected heap, heap_v2, heapz_v2, heapprofile, growthz or fragmentationz)"
        ),
        BrokenInput(
            name: "binary garbage after the header", bytes: Array(header.utf8) + [0x00, 0x01, 0xff, 0xfe, 0x80],
            message: "parsing legacy profile: line 2: binary data in a text profile (byte 0x0 at column 1)"),
        BrokenInput(
            name: "line over 1 MiB", bytes: Array((header + "1: 16 [2: 32] @" + String(repeating: " 0x1", count: 300_000) + "\n").utf8),
            message: "parsing legacy profile: line 2: line is longer than 1 MiB"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: BrokenInput) throws {
        // Gzipped text goes through the same parser; one case checks it.
        let variants = c.name == "bad number" ? [c.bytes, try gzipped(c.bytes)] : [c.bytes]
        for bytes in variants {
            try expectErrorLine(bytes, message: c.message)
        }
    }
}

import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport
import Testing

/// Graphviz's `dot`, when installed: every graph the tests produce goes through it.
enum GraphvizCheck {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `dot -Tsvg` on `source`; returns its status and SVG.
    static func svg(_ source: String) throws -> (status: Int32, svg: String)? {
        guard let executable else { return nil }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-test-\(UUID().uuidString).dot")
        try Data(source.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg", input.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Expects Graphviz (if installed) to accept `source` and draw one SVG
    /// node per DOT node statement plus the legend.
    static func expectAccepted(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let result = try svg(source) else { return }
        #expect(result.status == 0, "dot -Tsvg rejected the graph", sourceLocation: sourceLocation)
        let svgNodes = result.svg.components(separatedBy: "class=\"node\"").count - 1
        #expect(svgNodes == nodeStatements(source).count + 1, sourceLocation: sourceLocation)
    }

    /// The ids of the node statements (`N1 [`, `NN1_0 [`, `N1_0 [`) of a DOT text.
    static func nodeStatements(_ source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: /^(N[N0-9_]*) \[/) else { return nil }
            return String(match.1)
        }
    }
}

@Suite("dot matches go tool pprof -dot")
struct DotGoldenTests {
    @Test(arguments: GoldenCase.all(prefix: "dot-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        try GraphvizCheck.expectAccepted(try expectMatchesGolden(golden))
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "dot-").count >= 60)
    }

    @Test func legendTimeIsTheOnlyPartStripped() {
        let line = #"label="File: x\lType: inuse_space\lTime: Nov 28, 2026 at 2:32am (UTC)\lShowing nodes"#
        #expect(withoutLegendTime(line) == #"label="File: x\lType: inuse_space\lShowing nodes"#)
    }
}

@Suite("dot with hostile names")
struct DotHostileTests {
    static let fixture = "Fixtures/profiles/hostile.pb.gz"
    /// runtime.main, main.main and the generator's ten hostile names.
    static let hostileNames = [
        "main.quote\"d", "main.back\\slash", "main.new\nline", "main.{braces}", "main.<angle>&amp;",
        "main.ünïcødé.函数", "main.ctrl\u{01}\u{7f}\tchars", "main.\"}; N99 [label=\"pwned\"]; {\"",
        "main.trailing\\", "github.com/evil/v2/pkg\"x.(*T).M",
    ]

    @Test(arguments: [
        [String](), ["--nodecount", "0", "--node-fraction", "0", "--edge-fraction", "0"], ["--sample-index", "alloc_objects"],
    ])
    func graphvizParsesEveryNode(_ options: [String]) throws {
        let result = try CLI.run(["dot"] + options + [Self.fixture])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let nodes = GraphvizCheck.nodeStatements(result.stdout).filter { $0.wholeMatch(of: /N[0-9]+/) != nil }
        #expect(nodes == (1...12).map { "N\($0)" })
        try GraphvizCheck.expectAccepted(result.stdout)
    }

    @Test func jsonKeepsTheNamesIntact() throws {
        let result = try CLI.run(["dot", "--format", "json", Self.fixture])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let names = (object?["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(Set(names) == Set(Self.hostileNames + ["main.main", "runtime.main"]))
    }

    /// Where pprof escapes correctly (node labels, tooltips, edges and
    /// numeric nodelets; not its string-label nodelets, not names with control
    /// characters), heapscope's node and edge lines are pprof's.
    @Test func nodeLinesMatchPprofWherePprofEscapes() throws {
        let result = try CLI.run(["dot", Self.fixture])
        let ours = Set(result.stdout.split(separator: "\n").map(String.init))
        let pprof = GoldenCase.all(prefix: "hostile-dot-pprof").first?.expected ?? ""
        let comparable = pprof.split(separator: "\n").filter {
            $0.hasPrefix("N") && !$0.contains("ctrl") && $0.prefixMatch(of: /N[0-9]+_[0-9]+ \[/) == nil
        }
        #expect(comparable.count == 46)
        let missing = comparable.map(String.init).filter { !ours.contains($0) }
        #expect(missing.isEmpty, "pprof's lines missing from ours: \(missing)")
    }
}

@Suite("dot output formats and errors")
struct DotOutputTests {
    static let profile = "Fixtures/profiles/mapleak.pb.gz"

    @Test func jsonHasTheGraphsNodesAndEdges() throws {
        let result = try CLI.run(["dot", "--format", "json", Self.profile])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let nodes = object?["nodes"] as? [[String: Any]] ?? []
        let edges = object?["edges"] as? [[String: Any]] ?? []
        let golden = GoldenCase.all(prefix: "dot-mapleak-default").first?.expected ?? ""
        let lines = golden.split(separator: "\n").map(String.init)
        #expect(nodes.count == lines.filter { $0.wholeMatch(of: /N[0-9]+ \[.*/) != nil }.count)
        #expect(edges.count == lines.filter { $0.wholeMatch(of: /N[0-9]+ -> N[0-9]+ \[.*/) != nil }.count)
        for (index, node) in nodes.enumerated() {
            let name = node["name"] as? String ?? ""
            let cum = node["cum_text"] as? String ?? ""
            #expect(node["id"] as? String == "N\(index + 1)")
            #expect(lines.contains { $0.hasPrefix("N\(index + 1) [") && $0.contains("tooltip=\"\(name) (\(cum))\"") })
        }
        for edge in edges {
            let weight = edge["weight_text"] as? String ?? ""
            let prefix = "\(edge["source"] as? String ?? "") -> \(edge["destination"] as? String ?? "") [label=\" \(weight)"
            #expect(lines.contains { $0.hasPrefix(prefix) })
        }
    }

    @Test func outputFileHoldsTheGraph() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-\(UUID().uuidString).dot")
        defer { try? FileManager.default.removeItem(at: path) }
        let toFile = try CLI.run(["dot", "--output", path.path, Self.profile])
        let toStdout = try CLI.run(["dot", Self.profile])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOf: path, encoding: .utf8) == toStdout.stdout)
    }

    @Test(arguments: [("svg", Data("<?xml".utf8)), ("png", Data([0x89, 0x50, 0x4e, 0x47])), ("pdf", Data("%PDF".utf8))])
    func rendersThroughGraphviz(_ format: String, _ magic: Data) throws {
        guard GraphvizCheck.executable != nil else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-\(UUID().uuidString).\(format)")
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try CLI.run(["dot", "--format", format, "--output", path.path, Self.profile])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try Data(contentsOf: path).prefix(magic.count) == magic)
    }

    @Test func svgGoesToStandardOutput() throws {
        guard GraphvizCheck.executable != nil else { return }
        let result = try CLI.run(["dot", "--format", "svg", Self.profile])
        #expect(result.status == 0)
        #expect(result.stdout.contains("<svg") && result.stdout.contains("main.cacheNeverEvicts"))
    }

    @Test func missingGraphvizIsOneLineWithTheFix() throws {
        let result = try CLI.run(["dot", "--format", "svg", Self.profile], environment: ["PATH": "/nonexistent-heapscope-path"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "heapscope: error: --format svg needs Graphviz's dot, which is not on PATH; install Graphviz (apt-get install graphviz) or use --format dot\n"
        )
    }

    /// A stand-in `dot` on PATH: records its arguments and input, then exits
    /// with `status`.
    static func fakeGraphviz(status: Int32) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-fakedot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("dot")
        try "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\ncp \"$2\" \"$(dirname \"$0\")/input\"\nexit \(status)\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return directory
    }

    @Test func graphvizGetsTheGraphAndTheFormat() throws {
        let directory = try Self.fakeGraphviz(status: 0)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(
            ["dot", "--format", "png", "--output", "graph.png", Self.profile],
            environment: ["PATH": directory.path + ":/usr/bin:/bin"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let arguments = try String(contentsOf: directory.appendingPathComponent("args"), encoding: .utf8)
        #expect(arguments.hasPrefix("-Tpng ") && arguments.hasSuffix(" -o graph.png\n"))
        let input = try String(contentsOf: directory.appendingPathComponent("input"), encoding: .utf8)
        #expect(input == (try CLI.run(["dot", Self.profile])).stdout)
    }

    @Test func failingGraphvizIsAnError() throws {
        let directory = try Self.fakeGraphviz(status: 3)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["dot", "--format", "pdf", Self.profile], environment: ["PATH": directory.path + ":/usr/bin:/bin"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: \(directory.path)/dot -Tpdf failed with exit status 3\n")
    }

    @Test func dotFormatNeedsNoGraphviz() throws {
        let result = try CLI.run(["dot", Self.profile], environment: ["PATH": "/nonexistent-heapscope-path"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("digraph \"mapleak\" {\n"))
    }

    @Test func unreadableProfileFails() throws {
        let result = try CLI.run(["dot", "Fixtures/profiles/does-not-exist.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: Fixtures/profiles/does-not-exist.pb.gz: "))
    }

    @Test func unwritableOutputFails() throws {
        let result = try CLI.run(["dot", "--output", "/nonexistent-heapscope-dir/graph.dot", Self.profile])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: cannot write /nonexistent-heapscope-dir/graph.dot: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [["--nodecount", "-1"], ["--node-fraction", "2"], ["--format", "gif"], [String]()])
    func badOptionsAreUsageErrors(_ options: [String]) throws {
        let result = try CLI.run(["dot"] + options + (options.isEmpty ? [] : [Self.profile]))
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"))
    }

    @Test func badSampleIndexFails() throws {
        let result = try CLI.run(["dot", "--sample-index", "bogus", Self.profile])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: \(Self.profile): sample_index \"bogus\" must be one of"))
    }

    @Test func helpHasExamples() throws {
        let result = try CLI.run(["dot", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("heapscope dot heap.pb.gz | dot -Tsvg > heap.svg"))
    }
}

/// pprof's dotColor, against values from a copy of pprof's Go function.
@Suite("dot colours")
struct DotColorTests {
    @Test(arguments: [
        (0.0, "#b2b2b2", "#ededed"), (1.0, "#b20000", "#edd5d5"), (-1.0, "#00b200", "#d5edd5"),
        (0.5, "#b22100", "#edd9d5"), (-0.5, "#21b200", "#d9edd5"), (0.1, "#b28559", "#ede7e1"),
        (-0.1, "#85b259", "#e7ede1"), (0.05, "#b2a085", "#edeae7"), (-0.03, "#a9b297", "#ebede9"),
        (2.0, "#b20000", "#edd5d5"), (-3.0, "#00b200", "#d5edd5"), (0.19, "#b24b08", "#eddfd6"),
        (-0.2, "#44b200", "#deedd5"), (0.001, "#b2b2b1", "#ededed"),
    ])
    func matchesPprof(_ score: Double, _ foreground: String, _ background: String) {
        #expect(DotRenderer.dotColor(score, background: false) == foreground)
        #expect(DotRenderer.dotColor(score, background: true) == background)
    }

    @Test func escapingCoversQuotesBackslashesNewlinesAndControls() {
        #expect(DotRenderer.escape("a\"b\\c\nd") == #"a\"b\\c\ld"#)
        #expect(DotRenderer.escape("x\u{01}y\u{7f}") == #"x\\x01y\\x7f"#)
        #expect(DotRenderer.escape("{<ü>}[…]") == "{<ü>}[…]")
    }
}

/// Diffs: `heapscope dot --base` must print pprof's `-dot -base` output,
/// green for shrinkage.
@Suite("dot of diffs")
struct DotDiffTests {
    @Test(arguments: GoldenCase.all(prefix: "dotdiff-"))
    func matchesPprofBase(_ golden: GoldenCase) throws {
        try GraphvizCheck.expectAccepted(try expectMatchesGolden(golden))
    }

    @Test func shrinkageIsGreen() {
        let golden = GoldenCase.all(prefix: "dotdiff-mapleak-5-1").first?.expected ?? ""
        #expect(golden.contains("color=\"#03b200\""))
    }
}

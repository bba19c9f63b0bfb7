import Foundation
import Testing

/// One way of exporting: heapscope's options, the options go tool pprof
/// needs to report on the export as heapscope reports on the inputs, and
/// whether the reference is `go tool pprof -proto` itself (filters change
/// the percentage base, which a written profile cannot carry).
struct ExportCase: CustomStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    var pprofViewFlags: [String] = []
    var pprofProtoFlags: [String]? = nil
    var views = ["top", "tree", "traces", "dot"]
    var description: String { name }

    static let series = "Fixtures/profiles/series/"
    static let all: [ExportCase] = {
        var cases = ["mapleak", "stdlib", "recursive", "allocs", "labels"].map {
            ExportCase(name: $0, arguments: ["Fixtures/profiles/\($0).pb.gz"])
        }
        // pprof's -dot breaks on hostile names, and its text views print
        // their control characters raw where heapscope's escape them: the
        // export is checked against pprof's own -proto of the original.
        cases.append(
            ExportCase(
                name: "hostile", arguments: ["Fixtures/profiles/hostile.pb.gz"],
                pprofProtoFlags: ["Fixtures/profiles/hostile.pb.gz"], views: ["top", "tree", "traces"]))
        cases += [
            ExportCase(name: "merge", arguments: [series + "mapleak-1.pb.gz", series + "mapleak-3.pb.gz"]),
            ExportCase(name: "diff-base", arguments: ["--diff-base", series + "mapleak-1.pb.gz", series + "mapleak-5.pb.gz"]),
            ExportCase(name: "base", arguments: ["--base", series + "mapleak-2.pb.gz", series + "mapleak-4.pb.gz"]),
            ExportCase(
                name: "alloc-space", arguments: ["--sample-index", "alloc_space", "Fixtures/profiles/stdlib.pb.gz"],
                pprofViewFlags: ["-sample_index=alloc_space"]),
            ExportCase(name: "no-inlines", arguments: ["--no-inlines", "Fixtures/profiles/stdlib.pb.gz"]),
            ExportCase(
                name: "focus", arguments: ["--focus", "Cache", "Fixtures/profiles/mapleak.pb.gz"],
                pprofProtoFlags: ["-focus=Cache", "Fixtures/profiles/mapleak.pb.gz"]),
            ExportCase(
                name: "filters",
                arguments: [
                    "--focus", "json", "--hide", "runtime", "--tag-focus", "bytes=1kb:",
                    "Fixtures/profiles/stdlib.pb.gz",
                ],
                pprofProtoFlags: ["-focus=json", "-hide=runtime", "-tagfocus=bytes=1kb:", "Fixtures/profiles/stdlib.pb.gz"]),
        ]
        return cases
    }()
}

@Suite("export --format proto: go tool pprof reads it and reports what heapscope reports")
struct ExportProtoTests {
    @Test(arguments: ExportCase.all)
    func pprofReportsTheSame(_ export: ExportCase) throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = dir.appendingPathComponent("export.pb.gz").path
        let result = try CLI.run(["export", "--format", "proto", "-o", written] + export.arguments)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        var reference: String?
        if let protoFlags = export.pprofProtoFlags {
            let proto = try ExternalTool.run("go", ["tool", "pprof", "-proto"] + protoFlags)
            try #require(proto.status == 0, "pprof -proto: \(proto.stderr)")
            reference = dir.appendingPathComponent("reference.pb.gz").path
            try proto.stdout.write(to: URL(fileURLWithPath: reference ?? ""))
        }
        for view in export.views {
            let pprof = try ExternalTool.run("go", ["tool", "pprof", "-\(view)"] + export.pprofViewFlags + [written])
            #expect(pprof.status == 0, "pprof -\(view): \(pprof.stderr)")
            let expected: String
            if let reference {
                expected = try ExternalTool.run("go", ["tool", "pprof", "-\(view)", reference]).text
            } else {
                let heapscope = try CLI.run([view] + export.arguments)
                #expect(heapscope.status == 0, "heapscope \(view): \(heapscope.stderr)")
                expected = heapscope.stdout
            }
            #expect(
                withoutLegendTime(withoutTime(pprof.text)) == withoutLegendTime(withoutTime(expected)),
                "\(export.name): go tool pprof -\(view) on the export")
        }
    }
}

@Suite("export error paths")
struct ExportErrorTests {
    @Test func unknownFormatIsAUsageError() throws {
        let result = try CLI.run(["export", "--format", "pdf", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("pdf"))
    }

    @Test func unwritableOutputIsOneErrorLine() throws {
        let result = try CLI.run(["export", "-o", "/nonexistent-dir/x.pb.gz", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: cannot write /nonexistent-dir/x.pb.gz"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func brokenProfileIsOneErrorLine() throws {
        let result = try CLI.run(["export", "--format", "folded", "README.md"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: README.md: not a pprof profile"))
    }

    @Test(arguments: [["--diff-base", ExportCase.series + "mapleak-1.pb.gz"], ["--base", ExportCase.series + "mapleak-5.pb.gz"]])
    func speedscopeRefusesADiff(_ base: [String]) throws {
        let result = try CLI.run(["export", "--format", "speedscope"] + base + [ExportCase.series + "mapleak-3.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "heapscope: error: speedscope cannot show a diff (it rejects negative weights); use heapscope flame --diff-base for a diff flame graph\n"
        )
    }
}

import Foundation
import HeapscopeProfile
import Testing

@testable import HeapscopeAnalysis

@Suite("list view: line ranges and values")
struct ListViewTests {
    /// app.main (starts at line 1, calls on line 3) -> app.alloc (no start
    /// line, allocates on line 12) and -> asm.stub (no file).
    func profile() -> Profile {
        var p = Profile()
        p.strings = ["", "inuse_space", "bytes"]
        var cache: [String: Int32] = [:]
        p.appendSampleType(ValueType(type: "inuse_space", unit: "bytes"), cache: &cache)
        p.appendFunction(id: 1, name: "app.alloc", filename: "src/app.go", cache: &cache)
        p.appendFunction(id: 2, name: "app.main", filename: "src/app.go", startLine: 1, cache: &cache)
        p.appendFunction(id: 3, name: "asm.stub", cache: &cache)
        p.lines = [Line(function: 0, line: 12), Line(function: 1, line: 3), Line(function: 2, line: 0)]
        p.locations = (0..<3).map { Location(id: UInt64($0 + 1), lineStart: Int32($0), lineEnd: Int32($0 + 1)) }
        p.appendSample(locations: [0, 1] as [UInt32], values: [100] as [Int64], labels: [] as [Label])
        p.appendSample(locations: [2, 1] as [UInt32], values: [50] as [Int64], labels: [] as [Label])
        return p
    }

    func list(_ pattern: String, sourceLines: Int) throws -> ListView {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-list-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("src"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = (1...sourceLines).map { "line \($0)" }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("src/app.go"))
        let options = ReportOptions(
            nodes: ListView.nodeOptions(inlines: true, trimPath: "", sourcePath: ""),
            prune: PruneOptions(nodeCount: 0, nodeFraction: 0, edgeFraction: 0))
        let context = try ReportContext(profile: profile(), options: options)
        return try ListView(
            context: context, pattern: try NamePattern(pattern),
            reader: SourceReader(searchPath: dir.path, trimPath: "", goRoot: { nil }))
    }

    @Test func withoutStartLineTheBlockStartsFiveLinesBeforeTheSample() throws {
        let view = try list("app\\.alloc", sourceLines: 30)
        let routine = try #require(view.routines.first)
        #expect(view.routines.count == 1 && routine.file == "src/app.go" && routine.flat == 100 && routine.cum == 100)
        guard case .source(let lines) = routine.content else {
            Issue.record("no source")
            return
        }
        #expect(lines.map(\.number) == Array(7...17))
        #expect(lines.first { $0.number == 12 } == ListView.SourceLine(number: 12, text: "line 12", flat: 100, cum: 100))
        #expect(lines.filter { $0.number != 12 }.allSatisfy { $0.flat == 0 && $0.cum == 0 })
    }

    @Test func withStartLineTheBlockStartsThereAndStopsAtTheEndOfTheFile() throws {
        let view = try list("app\\.main", sourceLines: 6)
        let routine = try #require(view.routines.first)
        #expect(routine.flat == 0 && routine.cum == 150)
        guard case .source(let lines) = routine.content else {
            Issue.record("no source")
            return
        }
        #expect(lines.map(\.number) == Array(1...6))
        #expect(lines[2] == ListView.SourceLine(number: 3, text: "line 3", flat: 0, cum: 150))
    }

    @Test func functionsAreSortedAndOneWithoutFileSaysSo() throws {
        let view = try list(".", sourceLines: 30)
        #expect(view.routines.map(\.function) == ["app.alloc", "app.main", "asm.stub"])
        #expect(view.routines[2].file == nil && view.routines[2].content == .noSourceInformation)
        #expect(view.total == 150)
    }

    @Test func noMatch() throws {
        #expect(throws: AnalysisError.invalidOption("no matches found for regexp: nothing")) {
            _ = try list("nothing", sourceLines: 30)
        }
    }
}

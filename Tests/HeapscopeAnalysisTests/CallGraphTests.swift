import Foundation
import HeapscopeProfile
import HeapscopeTestSupport
import Testing

@testable import HeapscopeAnalysis

@Suite("Call graph")
struct CallGraphTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) throws -> Profile {
        try ProfileDecoder.decode(contentsOf: root.appendingPathComponent("Fixtures/profiles/\(name)").path)
    }

    /// Splitting the samples over several cores gives exactly the sums of one pass.
    @Test(arguments: ["stdlib.pb.gz", "recursive.pb.gz", "allocs.pb.gz"])
    func partitionedSumsEqualOnePass(_ name: String) throws {
        let profile = try Self.fixture(name)
        let table = NodeTable(profile: profile)
        for index in 0..<profile.sampleTypes.count {
            let options = GraphBuildOptions(sampleIndex: index)
            let one = CallGraph(profile: profile, table: table, options: options, kept: nil, partitions: 1)
            let three = CallGraph(profile: profile, table: table, options: options, kept: nil, partitions: 3)
            #expect(one.flat == three.flat)
            #expect(one.cum == three.cum)
            func edgeSet(_ g: CallGraph) -> Set<String> {
                Set(g.edges.map { "\($0.source)>\($0.destination):\($0.weight):\($0.residual):\($0.inline)" })
            }
            #expect(edgeSet(one) == edgeSet(three))
        }
    }

    /// The graphs a series compares are built in parallel and without edges:
    /// each has the nodes, flat and cum of its own profile's full graph, in
    /// the order the contexts were given.
    @Test func seriesGraphsMatchEachProfilesGraph() throws {
        let names = (1...6).map { "trend/shapes-\($0).pb.gz" } + ["stdlib.pb.gz", "recursive.pb.gz"]
        let contexts = try names.map { try ReportContext(profile: Self.fixture($0), options: ReportOptions()) }
        let series = NodeSeries(contexts: contexts)
        #expect(series.graphs.count == contexts.count)
        for (context, graph) in zip(contexts, series.graphs) {
            let full = CallGraph(profile: context.profile, table: context.table, options: context.buildOptions)
            #expect(!full.edges.isEmpty)
            #expect(graph.edges.isEmpty)
            #expect(graph.nodes == full.nodes)
            #expect(graph.flat == full.flat)
            #expect(graph.cum == full.cum)
        }
    }

    /// Recursion: cum counts a sample once per node, however often the node
    /// appears in the stack; flat goes to the leaf only.
    @Test func recursionCountsCumOnce() throws {
        let synthetic = SyntheticProfile(samples: [
            .init(["main.rec", "main.rec", "main.rec", "main.main"], [1, 10, 1, 10]),
            .init(["main.leaf", "main.rec", "main.main"], [1, 5, 1, 5]),
        ])
        let profile = try ProfileDecoder.decode(synthetic.encoded())
        let table = NodeTable(profile: profile)
        let graph = CallGraph(profile: profile, table: table, options: GraphBuildOptions(sampleIndex: 3))
        func node(_ name: String) -> Int { table.infos.firstIndex { $0.name == name } ?? -1 }
        #expect(graph.cum[node("main.rec")] == 15)
        #expect(graph.flat[node("main.rec")] == 10)
        #expect(graph.cum[node("main.main")] == 15)
        #expect(graph.flat[node("main.leaf")] == 5)
        // No self edge rec -> rec; main -> rec carries both samples once.
        #expect(!graph.edges.contains { $0.source == $0.destination })
        let mainToRec = graph.edges.first { $0.source == Int32(node("main.main")) && $0.destination == Int32(node("main.rec")) }
        #expect(mainToRec?.weight == 15)
    }

    /// A kept-node mask drops nodes, loses a dropped leaf's flat and turns
    /// paths through dropped nodes into residual edges (pprof's rebuild).
    @Test func keptMaskMakesResidualEdges() throws {
        let synthetic = SyntheticProfile(samples: [.init(["main.c", "main.b", "main.a"], [1, 7, 1, 7])])
        let profile = try ProfileDecoder.decode(synthetic.encoded())
        let table = NodeTable(profile: profile)
        let b = table.infos.firstIndex { $0.name == "main.b" } ?? -1
        var kept = [Bool](repeating: true, count: table.count)
        kept[b] = false
        let graph = CallGraph(profile: profile, table: table, options: GraphBuildOptions(sampleIndex: 3), kept: kept)
        #expect(graph.nodes.count == 2)
        #expect(graph.edges.count == 1)
        #expect(graph.edges.first?.residual == true)
    }

    /// The public builder throws for inputs that do not fit together
    /// instead of reading past an array.
    @Test func buildRejectsInputsThatDoNotFit() throws {
        let profile = try ProfileDecoder.decode(SyntheticProfile(samples: [.init(["main.b", "main.a"], [1, 7, 1, 7])]).encoded())
        let other = try ProfileDecoder.decode(
            SyntheticProfile(samples: [
                .init(["main.z", "main.y", "main.x", "main.w"], [1, 7, 1, 7]), .init(["main.v"], [1, 1, 1, 1]),
            ]).encoded())
        let table = NodeTable(profile: profile)
        #expect(throws: AnalysisError.sampleIndexOutOfRange("4", last: 3)) {
            _ = try CallGraph.build(profile: profile, table: table, options: GraphBuildOptions(sampleIndex: 4))
        }
        #expect(throws: AnalysisError.invalidOption("maxConcurrency must be at least 1, not 0")) {
            _ = try CallGraph.build(profile: profile, table: table, options: GraphBuildOptions(sampleIndex: 1, maxConcurrency: 0))
        }
        #expect(throws: AnalysisError.invalidOption("the node table was not made for this profile")) {
            _ = try CallGraph.build(profile: other, table: table, options: GraphBuildOptions(sampleIndex: 1))
        }
        #expect(throws: AnalysisError.invalidOption("the kept mask has 1 entries for \(table.count) nodes")) {
            _ = try CallGraph.build(profile: profile, table: table, options: GraphBuildOptions(sampleIndex: 1), kept: [true])
        }
        let graph = try CallGraph.build(profile: profile, table: table, options: GraphBuildOptions(sampleIndex: 1, maxConcurrency: 1))
        #expect(graph.flatSum == 7)
    }
}

@Suite("Units and percentages as pprof prints them")
struct MeasurementTests {
    @Test(arguments: [
        (Int64(1_572_864), "bytes", "minimum", "1.50MB"), (524288, "bytes", "minimum", "512kB"),
        (1_048_576, "bytes", "auto", "1MB"), (1023, "bytes", "auto", "1023B"), (-1_572_864, "bytes", "auto", "-1.50MB"),
        (100, "bytes", "MB", "0"), (12345, "count", "minimum", "12345"), (123, "count", "foo", "123foo"),
        (1_500_000_000, "nanoseconds", "auto", "1.50s"), (0, "bytes", "auto", "0"),
    ])
    func scaledLabel(_ value: Int64, _ from: String, _ to: String, _ expected: String) {
        #expect(Measurement.scaledLabel(value, from: from, to: to) == expected)
    }

    @Test(arguments: [
        (Int64(100), Int64(100), "  100%"), (6337, 10000, "63.37%"), (1, 100, " 1.00%"), (0, 100, "    0%"),
        (5, 1000, "  0.5%"), (89, 10000, " 0.89%"), (9, 100000, "0.009%"), (-25, 100, "25.00%"), (5, 0, "    0%"),
    ])
    func percentage(_ value: Int64, _ total: Int64, _ expected: String) {
        #expect(Measurement.percentage(value, of: total) == expected)
    }

    @Test func sizeLimits() {
        #expect(SizeLimit("10MB") == .absolute(10 << 20))
        #expect(SizeLimit("512kB") == .absolute(512 << 10))
        #expect(SizeLimit("1GiB") == .absolute(1 << 30))
        #expect(SizeLimit("2048") == .absolute(2048))
        #expect(SizeLimit("25%") == .percent(25))
        #expect(SizeLimit("ten") == nil)
        #expect(SizeLimit("5XB") == nil)
        #expect(SizeLimit("25%")?.resolved(total: 400) == 100)
    }

    @Test func goPathHelpers() {
        #expect(PathUtilities.base("/tmp/heapscope-fixtures/mapleak") == "mapleak")
        #expect(PathUtilities.clean("a/./b/../c//d/") == "a/c/d")
        #expect(PathUtilities.clean("/../x") == "/x")
        #expect(PathUtilities.clean("") == ".")
        #expect(FileNameRewriter(trimPath: "/build/src", sourcePath: "").rewrite("/build/src/app/main.go") == "app/main.go")
        #expect(FileNameRewriter().rewrite("/proc/self/cwd/x.go") == "x.go")
    }
}

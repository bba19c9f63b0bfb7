import Foundation
import HeapscopeProfile
import Testing

@testable import HeapscopeAnalysis

@Suite("Flame tree")
struct FlameTreeTests {
    static func context(_ name: String, base: String? = nil, granularity: Granularity = .functions) throws -> ReportContext {
        var profile = try CallGraphTests.fixture(name)
        if let base {
            profile = try ProfileDiff.combine(source: profile, base: try CallGraphTests.fixture(base), mode: .compare, normalize: false)
        }
        return try ReportContext(profile: profile, options: ReportOptions(nodes: NodeOptions(granularity: granularity)))
    }

    /// Unpruned, each name's self value (value minus its children) sums to
    /// its flat value in the call graph, in every column, and the root holds
    /// the whole profile.
    @Test(arguments: ["mapleak.pb.gz", "stdlib.pb.gz", "recursive.pb.gz", "allocs.pb.gz", "labels.pb.gz", "hostile.pb.gz"])
    func selfValuesAreFlatValues(_ name: String) throws {
        for granularity in [Granularity.functions, .lines] {
            let context = try Self.context(name, granularity: granularity)
            let tree = FlameTree(context: context, minFraction: 0)
            #expect(tree.prunedPaths == 0)
            for column in 0..<tree.columnCount {
                var selfByName: [String: Int64] = [:]
                var childSum = [Int64](repeating: 0, count: tree.count)
                for node in 1..<tree.count { childSum[Int(tree.parent[node])] += tree.value(node, column: column) }
                for node in 1..<tree.count {
                    #expect(tree.parent[node] < Int32(node), "parents come first")
                    selfByName[tree.name(node), default: 0] += tree.value(node, column: column) - childSum[node]
                }
                let graph = CallGraph(profile: context.profile, table: context.table, options: GraphBuildOptions(sampleIndex: column))
                var flat: [String: Int64] = [:]
                for node in graph.nodes where graph.flat[Int(node)] != 0 {
                    flat[context.table.printableNames[Int(node)], default: 0] += graph.flat[Int(node)]
                }
                #expect(selfByName.filter { $0.value != 0 } == flat, "\(name) \(granularity) column \(column)")
                #expect(tree.value(0, column: column) == context.profile.columnTotals[column])
            }
        }
    }

    @Test func pruningKeepsOnlyWideFramesAndTheirValueInTheParent() throws {
        let context = try Self.context("stdlib.pb.gz")
        let full = FlameTree(context: context, minFraction: 0)
        let pruned = FlameTree(context: context, minFraction: 0.01)
        #expect(pruned.count < full.count)
        #expect(pruned.prunedPaths > 0)
        for column in 0..<pruned.columnCount {
            #expect(pruned.value(0, column: column) == full.value(0, column: column))
        }
        let widths = (0..<pruned.columnCount).map { column in
            context.profile.sampleValues.enumerated().filter { $0.offset % pruned.columnCount == column }.reduce(Int64(0)) {
                $0 + abs($1.element)
            }
        }
        for node in 1..<pruned.count {
            #expect((0..<pruned.columnCount).contains { Double(pruned.width(node, column: $0)) >= 0.01 * Double(widths[$0]) })
        }
    }

    @Test func diffKeepsBothSides() throws {
        let context = try Self.context("series/mapleak-5.pb.gz", base: "series/mapleak-1.pb.gz")
        let tree = FlameTree(context: context, minFraction: 0)
        #expect(tree.isDiff)
        let new = try CallGraphTests.fixture("series/mapleak-5.pb.gz").columnTotals
        let old = try CallGraphTests.fixture("series/mapleak-1.pb.gz").columnTotals
        for column in 0..<tree.columnCount {
            #expect(tree.value(0, column: column) == new[column])
            #expect(tree.baseValue(0, column: column) == old[column])
            #expect(tree.totals[column] == old[column])
        }
    }

    @Test func childrenAreSortedByName() throws {
        let tree = FlameTree(context: try Self.context("stdlib.pb.gz"), minFraction: 0)
        var lastChildName: [Int32: String] = [:]
        for node in 1..<tree.count {
            let parent = tree.parent[node]
            let name = tree.name(node)
            if let previous = lastChildName[parent] { #expect(CallGraph.goLess(previous, name)) }
            lastChildName[parent] = name
        }
    }
}

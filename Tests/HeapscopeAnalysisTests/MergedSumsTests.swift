import Foundation
import HeapscopeProfile
import Testing

@testable import HeapscopeAnalysis

/// The views that only sum samples (top, tree, peek) read a `.sums` merge,
/// which keeps identical samples apart, in another order, and reuses the
/// largest profile's arrays. They must show exactly what pprof's merge
/// gives: the same totals, nodes, values and edges.
@Suite("Merged sums: graph views see pprof's merge")
struct MergedSumsTests {
    /// How the second (and third) profile joins the first.
    enum Join: String, CaseIterable, Sendable {
        /// `top A B`: merged as they are.
        case merge
        /// `top --diff-base B A`: B negated and labelled pprof::base.
        case diffBase
        /// `top --base B A`: B negated, so identical samples cancel out.
        case subtract
    }

    static let pairs: [(String, String)] = [
        ("series/mapleak-1.pb.gz", "series/mapleak-5.pb.gz"),
        ("series/mapleak-5.pb.gz", "series/mapleak-1.pb.gz"),
        ("stdlib.pb.gz", "allocs.pb.gz"),
        ("labels.pb.gz", "labels.pb.gz"),
        ("trend/shapes-1.pb.gz", "trend/shapes-6.pb.gz"),
        ("recursive.pb.gz", "recursive.pb.gz"),
    ]

    static func merged(_ names: [String], join: Join, samples: MergedSamples) throws -> Profile {
        var accumulator = ProfileAccumulator(samples: samples)
        for (position, name) in names.enumerated() {
            let profile = try CallGraphTests.fixture(name)
            switch (position, join) {
            case (0, _), (_, .merge): try accumulator.add(profile)
            case (_, .diffBase): try accumulator.add(profile, as: ProfileDiff.baseTransform(.compare))
            case (_, .subtract): try accumulator.add(profile, as: ProfileDiff.baseTransform(.subtract))
            }
        }
        return try accumulator.finish()
    }

    @Test(arguments: Join.allCases, pairs.indices)
    func graphViewsMatchPprofsMerge(_ join: Join, _ pair: Int) throws {
        let names = [Self.pairs[pair].0, Self.pairs[pair].1]
        let pprof = try Self.merged(names, join: join, samples: .pprof)
        let sums = try Self.merged(names, join: join, samples: .sums)
        let first = try CallGraphTests.fixture(names[0])
        let second = try CallGraphTests.fixture(names[1])
        if join == .subtract {
            // Cancelling samples were summed, as pprof's merge sums them.
            #expect(sums.sampleCount == pprof.sampleCount, "\(names)")
        } else {
            // Nothing could cancel: every sample was kept as it was.
            #expect(sums.sampleCount == first.sampleCount + second.sampleCount, "\(names)")
        }
        for index in 0..<pprof.sampleTypes.count {
            var options = ReportOptions()
            options.sampleIndex = String(index)
            let expected = try ReportContext(profile: pprof, options: options)
            let actual = try ReportContext(profile: sums, options: options)
            #expect(actual.totals == expected.totals, "\(names) \(join)")
            #expect(TopView(context: actual).rows == TopView(context: expected).rows, "\(names) \(join) column \(index)")
            #expect(try TreeView(context: actual).entries == TreeView(context: expected).entries, "\(names) \(join) column \(index)")
        }
    }

    /// Three profiles, the largest in the middle: its arrays are taken over
    /// after the first's samples were, and the others are appended to them.
    @Test func theLargestProfileMayComeAnywhere() throws {
        let names = ["recursive.pb.gz", "series/mapleak-5.pb.gz", "stdlib.pb.gz"]
        let pprof = try Self.merged(names, join: .merge, samples: .pprof)
        let sums = try Self.merged(names, join: .merge, samples: .sums)
        let counts = try names.map { try CallGraphTests.fixture($0).sampleCount }
        #expect(sums.sampleCount == counts.reduce(0, +))
        let expected = try ReportContext(profile: pprof, options: ReportOptions())
        let actual = try ReportContext(profile: sums, options: ReportOptions())
        #expect(TopView(context: actual).rows == TopView(context: expected).rows)
        #expect(try TreeView(context: actual).entries == TreeView(context: expected).entries)
    }

    /// A profile merged with itself as a `--base` cancels out entirely, as
    /// in pprof: no samples, no nodes.
    @Test func aProfileMinusItselfIsEmpty() throws {
        let sums = try Self.merged(["labels.pb.gz", "labels.pb.gz"], join: .subtract, samples: .sums)
        #expect(sums.sampleCount == 0)
        #expect(TopView(context: try ReportContext(profile: sums, options: ReportOptions())).rows.isEmpty)
    }

    /// Profiles handed over while the caller keeps a copy stay as they were:
    /// the in-place renumbering copies shared arrays first.
    @Test func sharedInputsAreNotChanged() throws {
        let small = try CallGraphTests.fixture("stdlib.pb.gz")
        let large = try CallGraphTests.fixture("series/mapleak-5.pb.gz")
        // Element-by-element copies: a copy of the struct would share the
        // arrays, and so would change with them.
        let before = (small.sampleLocations.map { $0 }, small.labels.map { $0 }, large.sampleValues.map { $0 }, large.labels.map { $0 })
        var accumulator = ProfileAccumulator(samples: .sums)
        try accumulator.add(small)
        try accumulator.add(large, as: ProfileDiff.baseTransform(.compare))
        let merged = try accumulator.finish()
        #expect(merged.sampleCount == small.sampleCount + large.sampleCount)
        #expect(small.sampleLocations.elementsEqual(before.0) && small.labels == before.1)
        #expect(large.sampleValues == before.2 && large.labels == before.3)
    }
}

import Foundation
import Testing

/// The filter and diff-base options reach every view, with pprof's numbers.
@Suite("Filters and bases on every view")
struct ViewFilterTests {
    @Test(arguments: GoldenCase.all(prefix: "viewfilter-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden)
    }

    @Test func diffTableFilters() throws {
        let args = [
            "diff", "--format", "json", "--focus", "churn",
            "Fixtures/profiles/series/mapleak-1.pb.gz", "Fixtures/profiles/series/mapleak-5.pb.gz",
        ]
        let result = try CLI.run(args)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = (object?["rows"] as? [[String: Any]]) ?? []
        let names = rows.compactMap { $0["name"] as? String }
        #expect(names.contains("main.churnInsertDelete"))
        #expect(!names.contains("main.captureInClosure.func1"))
        let unfiltered = try CLI.run(Array(args.prefix(3)) + Array(args.suffix(2)))
        #expect(unfiltered.stdout.contains("main.captureInClosure.func1"))
    }

    @Test func trendFiltersAndWarnsOnce() throws {
        let result = try CLI.run(["trend", "--format", "json", "--ignore", "churn", "Fixtures/profiles/series"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let growing = ((object?["nodes"] as? [[String: Any]]) ?? [])
            .filter { $0["verdict"] as? String == "growing" }.compactMap { $0["name"] as? String }
        #expect(growing.contains("main.newSession"))
        #expect(!growing.contains("main.churnInsertDelete"))
        let warned = try CLI.run(["trend", "--focus", "noSuchFunction", "Fixtures/profiles/series"])
        #expect(warned.stderr == "Focus expression matched no samples\n")
    }
}

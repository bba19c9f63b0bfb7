import Testing

@Suite("top --base / --diff-base match go tool pprof -top -base / -diff_base")
struct DiffGoldenTests {
    @Test(arguments: GoldenCase.all(prefix: "diff-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden)
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "diff-").count >= 100)
    }
}

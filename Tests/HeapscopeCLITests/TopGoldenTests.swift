import Testing

@Suite("top matches go tool pprof -top")
struct TopGoldenTests {
    @Test(arguments: GoldenCase.all(prefix: "top-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden)
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "top-").count >= 100)
    }
}

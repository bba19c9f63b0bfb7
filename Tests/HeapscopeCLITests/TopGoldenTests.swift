import Testing

@Suite("top matches go tool pprof -top")
struct TopGoldenTests {
    @Test(arguments: GoldenCase.all(prefix: "top-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        let result = try CLI.run(golden.arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(withoutTime(result.stdout) == withoutTime(golden.expected))
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "top-").count >= 100)
    }
}

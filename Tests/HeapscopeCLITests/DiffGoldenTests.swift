import Testing

@Suite("top --base / --diff-base match go tool pprof -top -base / -diff_base")
struct DiffGoldenTests {
    @Test(arguments: GoldenCase.all(prefix: "diff-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        let result = try CLI.run(golden.arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(withoutTime(result.stdout) == withoutTime(golden.expected))
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "diff-").count >= 100)
    }
}

import Foundation
import HeapscopeTestSupport
import Testing

/// Every pattern option runs RE2: `(a+)+$` against a 10,000-character name
/// (exponential for a backtracking engine) finishes at once.
@Suite("Linear-time regexes")
struct RegexTimeTests {
    @Test(
        "pattern options",
        arguments: [
            ["top", "--focus", "(a+)+$"], ["top", "--ignore", "(a+)+$"], ["top", "--hide", "(a+)+$"],
            ["top", "--show", "(a+)+$"], ["top", "--show-from", "(a+)+$"], ["top", "--prune-from", "(a+)+$"],
            ["top", "--tag-focus", "kind=(a+)+$"], ["list", "(a+)+$"], ["peek", "(a+)+$"],
        ])
    func pathologicalPattern(_ command: [String]) throws {
        let name = String(repeating: "a", count: 10_000) + "!"
        let profile = SyntheticProfile(samples: [.init([name, "main.main"], [1, 64, 1, 64])])
        let path = try temporaryFile(profile.encoded(), suffix: ".pb")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = Date()
        let result = try CLI.run(command + [path])
        // A generous bound for a debug build on a loaded machine; a
        // backtracking engine takes far longer than a minute here.
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 0 || result.status == 1)
        #expect(!result.stderr.contains("Error:"))
    }
}

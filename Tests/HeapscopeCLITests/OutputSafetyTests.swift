import Foundation
import HeapscopeTestSupport
import Testing

/// Writing output never traps: a write error is one error line and exit 1,
/// a closed pipe ends quietly (status 141, as SIGPIPE would).
@Suite("Output errors")
struct OutputErrorTests {
    static let profile = "Fixtures/profiles/mapleak.pb.gz"
    static let commands: [[String]] = [
        ["top"], ["tree"], ["traces"], ["tags"], ["info"], ["list", "main"], ["peek", "main"], ["dot"],
        ["top", "--format", "json"], ["traces", "--format", "json"],
    ]

    @Test("stdout to /dev/full", arguments: commands)
    func fullStandardOutput(_ command: [String]) throws {
        let result = try Shell.run("$HEAPSCOPE \(command.joined(separator: " ")) \(Self.profile) > /dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: cannot write to standard output: no space left on device\n")
    }

    @Test func diffAndTrendToDevFull() throws {
        let diff = try Shell.run("$HEAPSCOPE diff \(Self.profile) \(Self.profile) > /dev/full")
        #expect(diff.status == 1)
        #expect(diff.stderr == "heapscope: error: cannot write to standard output: no space left on device\n")
        let trend = try Shell.run("$HEAPSCOPE trend Fixtures/profiles/trend > /dev/full")
        #expect(trend.status == 1)
        #expect(trend.stderr.hasSuffix("heapscope: error: cannot write to standard output: no space left on device\n"))
    }

    @Test func closedStandardOutput() throws {
        let result = try Shell.run("$HEAPSCOPE top \(Self.profile) >&-")
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: cannot write to standard output: bad file descriptor\n")
    }

    @Test("closed or full stderr still exits 1", arguments: ["2>&-", "2>/dev/full"])
    func brokenStandardError(_ redirect: String) throws {
        let result = try Shell.run("$HEAPSCOPE top no-such-file.pb.gz \(redirect)")
        #expect(result.status == 1)
        let warning = try Shell.run("$HEAPSCOPE top --focus nomatchatall \(Self.profile) \(redirect) > /dev/null")
        #expect(warning.status == 0)
    }

    @Test("a closed pipe ends quietly", arguments: [["traces"], ["traces", "--format", "json"]])
    func closedPipe(_ command: [String]) throws {
        // Distinct labels: traces sums identical samples.
        let samples = (0..<20_000).map {
            SyntheticProfile.Sample(["main.f\($0 % 50)", "main.g", "main.main"], [1, 8, 1, 8], bytesLabel: Int64($0 + 1))
        }
        let path = try temporaryFile(SyntheticProfile(samples: samples).encoded(), suffix: ".pb")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Shell.run(
            "$HEAPSCOPE \(command.joined(separator: " ")) '\(path)' | head -c 100 > /dev/null; echo ${PIPESTATUS[0]}")
        #expect(result.stdout == "141\n")
        #expect(result.stderr.isEmpty)
    }
}

/// Control characters from a profile or the command line are escaped in
/// text output and error lines; JSON keeps them (JSON-escaped).
@Suite("Escaping control characters")
struct EscapingTests {
    static let hostileNames = [
        "main.esc\u{1b}[31mred", "main.csi\u{9b}2J", "main.osc52\u{1b}]52;c;aGVsbG8=\u{07}",
        "main.title\u{1b}]0;owned\u{07}", "main.cr\rforged", "main.nul\u{0}byte", "main.new\nline",
    ]

    static func hostileProfile(value: Int64 = 64) throws -> String {
        var profile = SyntheticProfile(samples: hostileNames.map { .init([$0, "main.main"], [1, value, 1, value], bytesLabel: 64) })
        profile.sampleTypes[3] = ("inuse_space\n\u{1b}[2Jheapscope: error: forged", "bytes")
        return try temporaryFile(profile.encoded(), suffix: ".pb")
    }

    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7f...0x9f).contains($0.value) }
    }

    @Test(
        "text views",
        arguments: [
            ["top"], ["tree"], ["traces"], ["tags"], ["info"], ["peek", "main"],
            ["list", "main"], ["top", "--sample-index", "3"],
        ])
    func textViews(_ command: [String]) throws {
        let path = try Self.hostileProfile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(command + [path])
        #expect(result.status == 0)
        #expect(!Self.hasRawControl(result.stdout))
        #expect(!result.stdout.contains("\nline"))
        if command != ["info"] && command != ["tags"] { #expect(result.stdout.contains("main.esc\\x1b[31mred")) }
    }

    @Test func diffText() throws {
        let base = try Self.hostileProfile()
        let path = try Self.hostileProfile(value: 128)
        defer { for file in [base, path] { try? FileManager.default.removeItem(atPath: file) } }
        let result = try CLI.run(["diff", "--sample-index", "1", base, path])
        #expect(result.status == 0)
        #expect(!Self.hasRawControl(result.stdout))
        #expect(result.stdout.contains("main.new\\nline"))
    }

    @Test func jsonKeepsTheString() throws {
        let path = try Self.hostileProfile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["top", "--format", "json", path])
        #expect(result.stdout.contains("main.esc\\u001b[31mred"))
        #expect(result.stdout.contains("main.new\\nline"))
    }

    @Test func errorLinesAreOneLine() throws {
        let path = try Self.hostileProfile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromProfile = try CLI.run(["top", "--sample-index", "nope", path])
        #expect(fromProfile.status == 1)
        #expect(fromProfile.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!Self.hasRawControl(fromProfile.stderr))
        #expect(fromProfile.stderr.contains("inuse_space\\n\\x1b[2Jheapscope: error: forged"))
        let fromArgument = try CLI.run(["top", "no-such\n\u{1b}]0;x\u{07}file"])
        #expect(fromArgument.status == 1)
        #expect(fromArgument.stderr == "heapscope: error: no-such\\n\\x1b]0;x\\x07file: cannot read: no such file or directory\n")
    }
}

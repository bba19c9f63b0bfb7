import Foundation
import HeapscopeTestSupport
import Testing

@Suite("Legacy contention text (Go mutex/block ?debug=1, contentionz)")
struct LegacyContentionTests {
    /// Drops the `File:` and `Time:` lines, which only the protobuf has.
    private func body(_ report: String) -> String {
        report.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("File: ") && !$0.hasPrefix("Time: ") }
            .joined(separator: "\n")
    }

    @Test("function-level views equal those of the protobuf written at the same moment", arguments: ["contentions", "delay"])
    func sameAsProtobuf(_ index: String) throws {
        for view in [["top", "--cum"], ["tree"]] {
            let text = try CLI.run(view + ["--sample-index", index, "Fixtures/profiles/legacy/mutex.txt"])
            let proto = try CLI.run(view + ["--sample-index", index, "Fixtures/profiles/legacy/mutex.pb.gz"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("main.lockedAppend") || text.stdout.contains("main.slowPath"))
            #expect(body(text.stdout) == body(proto.stdout), "\(view)")
        }
    }

    @Test func attributes() throws {
        let info = try CLI.run(["info", "Fixtures/profiles/legacy/contentionz.txt"]).stdout
        #expect(info.contains("Duration:     6s\n"))
        #expect(info.contains("Binary:       /usr/local/bin/server\n"))
    }

    static let header = "--- contentionz 1 ---\ncycles/second = 3000000000\nsampling period = 100\n"

    static let cases: [BrokenInput] = [
        BrokenInput(
            name: "truncated record", bytes: Array((header + "12000000 10 @\n").utf8),
            message: "parsing legacy profile: line 4: record has no stack (no address after \"@\")"),
        BrokenInput(
            name: "bad number", bytes: Array((header + "12x 10 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 4: expected contention count, a number"),
        BrokenInput(
            name: "huge count", bytes: Array((header + "1 99999999999999999999 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 4: contention count 99999999999999999999 does not fit in 64 bits"),
        BrokenInput(
            name: "bad attribute", bytes: Array("--- mutex:\ncycles/second=fast\n".utf8),
            message: "parsing legacy profile: line 2: cycles/second \"fast\" is not a number"),
        BrokenInput(
            name: "Java attribute", bytes: Array("--- mutex:\nresolution = ms\n".utf8),
            message:
                "parsing legacy profile: line 2: \"resolution\" is a Java contention attribute, but the header is not \"--- contentionz 1 ---\""
        ),
        BrokenInput(
            name: "binary garbage after the header", bytes: Array(header.utf8) + [0x01, 0xfe, 0x00],
            message: "parsing legacy profile: line 4: binary data in a text profile (byte 0x1 at column 1)"),
        BrokenInput(
            name: "line over 1 MiB", bytes: Array((header + "1 1 @" + String(repeating: " 0x1", count: 300_000)).utf8),
            message: "parsing legacy profile: line 4: line is longer than 1 MiB"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: BrokenInput) throws {
        try expectErrorLine(c.bytes, message: c.message)
    }
}

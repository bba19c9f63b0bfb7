import Foundation
import HeapscopeTestSupport
import Testing

private let goroutineText = "Fixtures/profiles/legacy/goroutine.txt"

/// The function names of a Go text profile's `#` frame comments.
private func commentNames(_ path: String) throws -> Set<String> {
    let text = try String(contentsOf: CLI.root.appendingPathComponent(path), encoding: .utf8)
    var names = Set<String>()
    for line in text.split(separator: "\n") where line.hasPrefix("#\t0x") {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: true)
        if fields.count >= 3, let plus = fields[2].range(of: "+0x", options: .backwards) {
            names.insert(String(fields[2][..<plus.lowerBound]))
        }
    }
    return names
}

@Suite("Go goroutine/threadcreate count text and thread (threadz) text")
struct LegacyCountThreadTests {
    @Test("frame comments name the frames; the totals stay pprof's")
    func goroutineComments() throws {
        let named = try CLI.run(["traces", goroutineText])
        #expect(named.status == 0, "\(named.stderr)")
        let frames = named.stdout.split(separator: "\n").filter { !$0.hasPrefix("-") && !$0.hasPrefix("Type:") }
            .map { line in String(line.replacing(" (inline)", with: "").split(separator: " ", omittingEmptySubsequences: true).last ?? "") }
        let names = try commentNames(goroutineText)
        #expect(!frames.isEmpty)
        #expect(frames.allSatisfy { names.contains($0) }, "\(frames.filter { !names.contains($0) })")
        // The runtime's leading frames (gopark) have no comment and are dropped.
        #expect(!named.stdout.contains("<unknown>"))
        let total = { (report: String) in report.split(separator: "\n").first { $0.hasPrefix("Showing nodes") } }
        let pprof = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/golden/legacy-goroutine-top.txt"), encoding: .utf8)
        #expect(total(try CLI.run(["top", goroutineText]).stdout) == total(pprof))
    }

    @Test("a thread profile without the threadz header reads the same threads")
    func threadsWithoutHeader() throws {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/profiles/legacy/threadz.txt"), encoding: .utf8)
        let threads = text.components(separatedBy: "\n").drop { !$0.hasPrefix("--- Thread ") }.joined(separator: "\n")
        let path = try temporaryFile(Array(threads.utf8), suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let headerless = try CLI.run(["traces", path])
        #expect(headerless.status == 0, "\(headerless.stderr)")
        #expect(headerless.stdout == (try CLI.run(["traces", "Fixtures/profiles/legacy/threadz.txt"])).stdout)
    }

    @Test("a goroutine stack that fills the runtime's 32-frame buffer is counted as cut")
    func truncatedGoroutineStack() throws {
        // One record of 32 commented frames (cut: its root is shown), one of 2 whose root has no comment.
        var text = "goroutine profile: total 3\n2 @"
        for frame in 0..<32 { text += " 0x\(String(0x401001 + frame * 16, radix: 16))" }
        text += "\n"
        for frame in 0..<32 { text += "#\t0x\(String(0x401000 + frame * 16, radix: 16))\tmain.f\(frame)+0x0\tmain.go:\(frame + 1)\n" }
        text += "\n1 @ 0x401001 0x402001\n#\t0x401000\tmain.f0+0x0\tmain.go:1\n"
        let path = try temporaryFile(Array(text.utf8), suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let info = try CLI.run(["info", path])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Truncated:    1 stacks cut at the runtime's depth limit (32 frames)\n"))
        let marked = try CLI.run(["traces", "--truncation-marker", path]).stdout
        #expect(marked.components(separatedBy: "(truncated)").count == 2, "\(marked)")
    }

    static let count = "goroutine profile: total 3\n"
    static let thread = "--- threadz 1 ---\n--- Thread 7f01 (name: main/1) stack: ---\n"

    static let cases: [BrokenInput] = [
        BrokenInput(
            name: "count: truncated line", bytes: Array((count + "3 @ 0x4b53b5 0x").utf8),
            message: "parsing legacy profile: line 2: bad hex address \"0x\""),
        BrokenInput(
            name: "count: no \"@\"", bytes: Array((count + "3 0x1\n").utf8),
            message: "parsing legacy profile: line 2: expected \" @\" after the count"),
        BrokenInput(
            name: "count: bad number", bytes: Array((count + "x @ 0x1\n").utf8),
            message: "parsing legacy profile: line 2: expected \"count @ addresses\", found \"x @ 0x1\""),
        BrokenInput(
            name: "count: bad octal number", bytes: Array((count + "09 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 2: count 09 is not a valid octal number"),
        BrokenInput(
            name: "count: huge count", bytes: Array((count + "99999999999999999999 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 2: count 99999999999999999999 does not fit in 64 bits"),
        BrokenInput(
            name: "count: huge address", bytes: Array((count + "3 @ 0x1fffffffffffffffff\n").utf8),
            message: "parsing legacy profile: line 2: address 0x1fffffffffffffffff does not fit in 64 bits"),
        BrokenInput(
            name: "count: record without a stack", bytes: Array((count + "1 @ 0x1\n\n2 @\n").utf8),
            message: "parsing legacy profile: line 4: record has no stack (no address after \"@\")"),
        BrokenInput(
            name: "count: line over 1 MiB", bytes: Array((count + "1 @" + String(repeating: " 0x1", count: 300_000)).utf8),
            message: "parsing legacy profile: line 2: line is longer than 1 MiB"),
        BrokenInput(
            name: "count: binary garbage after the header", bytes: Array(count.utf8) + [0x01, 0xfe, 0x00],
            message: "parsing legacy profile: line 2: binary data in a text profile (byte 0x1 at column 1)"),
        BrokenInput(
            name: "thread: truncated section header", bytes: Array("--- threadz 1 ---\n--- Thread 7f01 (name: ma".utf8),
            message: "parsing legacy profile: line 2: expected \"--- Thread ID (name: NAME/TID) stack: ---\""),
        BrokenInput(
            name: "thread: huge address", bytes: Array((thread + "PC: 0x1fffffffffffffffff\n").utf8),
            message: "parsing legacy profile: line 3: address 0x1fffffffffffffffff does not fit in 64 bits"),
        BrokenInput(
            name: "thread: first thread without a stack", bytes: Array((thread + "--- Memory map: ---\n").utf8),
            message: "parsing legacy profile: line 2: thread has no stack and there is no previous thread to count it with"),
        BrokenInput(
            name: "thread: line over 1 MiB", bytes: Array((thread + "PC:" + String(repeating: " 0x1", count: 300_000)).utf8),
            message: "parsing legacy profile: line 3: line is longer than 1 MiB"),
        BrokenInput(
            name: "thread: binary garbage after the header", bytes: Array(thread.utf8) + [0x01, 0xfe, 0x00],
            message: "parsing legacy profile: line 3: binary data in a text profile (byte 0x1 at column 1)"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: BrokenInput) throws {
        try expectErrorLine(c.bytes, message: c.message)
    }

    @Test("Go 1.19's threadcreate text (records without stacks) is refused, as pprof refuses it")
    func stacklessThreadcreate() throws {
        let bytes = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/profiles/legacy/threadcreate-go119.txt"))
        try expectErrorLine(Array(bytes), message: "parsing legacy profile: line 2: record has no stack (no address after \"@\")")
    }
}

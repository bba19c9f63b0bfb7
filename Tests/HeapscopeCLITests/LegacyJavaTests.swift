import Foundation
import HeapscopeTestSupport
import Testing

/// The legacy binary Java CPU format, 64-bit little-endian: the header
/// `0, 3, 1, period, 0`, the given records, the end marker, then `symbols`.
private func javaCPU(_ records: [[UInt64]], symbols: String) -> [UInt8] {
    let words: [UInt64] = [0, 3, 1, 10_000, 0] + records.flatMap { $0 } + [0, 1, 0]
    return words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } } + Array(symbols.utf8)
}

@Suite("Java text profiles (heapz, contentionz) and the legacy binary Java CPU format")
struct LegacyJavaTests {
    @Test("symbol lines name the frames: File.java:LINE, a library's file name, STUB, a bare name")
    func symbolForms() throws {
        let symbols = """
            0x1 com.example.Main.main (Main.java:21)
            0x2 lock (/usr/lib/jvm/lib/server/libjvm.so)
            0x3 Interpreter generated stub/JIT
            0x4 GC

            """
        let path = try temporaryFile(javaCPU([[5, 2, 0x2, 0x1], [3, 2, 0x3, 0x1], [2, 1, 0x4]], symbols: symbols), suffix: ".prof")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["top", "--granularity", "lines", path])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["com.example.Main.main Main.java:21", "lock libjvm.so", "STUB", "GC"] {
            #expect(result.stdout.contains(" \(name)\n"), "\(name)")
        }
    }

    static let heap = "--- heapz 1 ---\nformat = java\nresolution = bytes\n"

    static let cases: [BrokenInput] = [
        BrokenInput(
            name: "heap: truncated line", bytes: Array((heap + "100 1 @ 0x").utf8),
            message: "parsing legacy profile: line 4: bad hex address \"0x\""),
        BrokenInput(
            name: "heap: bad number", bytes: Array((heap + "1x 2 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 4: expected inuse_objects (a number)"),
        BrokenInput(
            name: "heap: huge count", bytes: Array((heap + "99999999999999999999 1 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 4: inuse_space 99999999999999999999 is not a number that fits in 64 bits"),
        BrokenInput(
            name: "heap: zero objects", bytes: Array((heap + "100 0 @ 0x1\n").utf8),
            message: "parsing legacy profile: line 4: second value must be non-zero"),
        BrokenInput(
            name: "heap: record without a stack", bytes: Array((heap + "100 1 @\n").utf8),
            message: "parsing legacy profile: line 4: record has no stack (no address after \"@\")"),
        BrokenInput(
            name: "heap: record before the resolution", bytes: Array("--- heapz 1 ---\nformat = java\n100 1 @ 0x1\n".utf8),
            message: "parsing legacy profile: line 3: record before a \"resolution\" attribute (the profile has no sample types)"),
        BrokenInput(
            name: "heap: not java", bytes: Array("--- heapz 1 ---\nformat = text\n".utf8),
            message: "parsing legacy profile: line 2: format \"text\" is not java"),
        BrokenInput(
            name: "heap: contention attribute", bytes: Array("--- heapz 1 ---\nsampling period = 5\n".utf8),
            message: "parsing legacy profile: line 2: unknown attribute \"sampling period\" in a Java heap profile"),
        BrokenInput(
            name: "contention: bad attribute number", bytes: Array("--- contentionz 1 ---\nformat = java\nsampling period = fast\n".utf8),
            message: "parsing legacy profile: line 3: sampling period \"fast\" is not a number"),
        BrokenInput(
            name: "heap: huge symbol address", bytes: Array((heap + "100 1 @ 0x1\n0x1fffffffffffffffff foo\n").utf8),
            message: "parsing legacy profile: line 5: address 0x1fffffffffffffffff does not fit in 64 bits"),
        BrokenInput(
            name: "heap: line over 1 MiB", bytes: Array((heap + "100 1 @" + String(repeating: " 0x1", count: 300_000)).utf8),
            message: "parsing legacy profile: line 4: line is longer than 1 MiB"),
        BrokenInput(
            name: "heap: binary garbage after the header", bytes: Array(heap.utf8) + [0x01, 0xfe, 0x00],
            message: "parsing legacy profile: line 4: binary data in a text profile (byte 0x1 at column 1)"),
        BrokenInput(
            name: "CPU: record without a stack", bytes: javaCPU([[7, 0]], symbols: ""),
            message: "parsing legacy CPU profile: byte 40: record has no stack (depth 0)"),
        BrokenInput(
            name: "CPU: binary garbage in the symbols", bytes: javaCPU([[7, 1, 0x1]], symbols: "0x1 A.main (A.java:1)\n\u{1}\u{2}"),
            message: "parsing legacy profile: line 2: binary data in a text profile (byte 0x1 at column 1)"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: BrokenInput) throws {
        try expectErrorLine(c.bytes, message: c.message)
    }
}

import Foundation
import HeapscopeTestSupport
import Testing

@Suite("Legacy binary CPU profile (gperftools)")
struct LegacyCPUTests {
    /// 64-bit little-endian words.
    static func words(_ values: [UInt64]) -> [UInt8] {
        values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    }

    @Test("big-endian 32-bit words; a second frame shared by every sample is removed, twice at most")
    func byteOrderAndWidth() throws {
        let values: [UInt64] = [
            0, 3, 0, 10000, 0, 120, 4, 0x4012a4, 0x400101, 0x401567, 0x4019f0,
            45, 4, 0x4016c8, 0x400101, 0x401567, 0x4019f0, 0, 1, 0,
        ]
        let big = values.flatMap { value in (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let path = try temporaryFile(
            big + Array("00400000-00452000 r-xp 00000000 08:01 1234567    /usr/local/bin/server\n".utf8), suffix: ".prof")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["top", "--granularity", "addresses", path])
        #expect(result.status == 0, "\(result.stderr)")
        // Both samples share 0x400101, then 0x401567, as their second frame:
        // pprof removes both (the same output as go tool pprof -addresses).
        #expect(!result.stdout.contains("0000000000400100"))
        #expect(!result.stdout.contains("0000000000401566"))
        #expect(result.stdout.contains("    1200ms 72.73% 72.73%     1200ms 72.73%  00000000004012a4 [server]\n"))
        #expect(result.stdout.contains("         0     0%   100%     1650ms   100%  00000000004019ef [server]\n"))
    }

    static let cases: [BrokenInput] = [
        BrokenInput(
            name: "record past the end", bytes: words([0, 3, 0, 10000, 0, 5, 9, 0x401000]),
            message: "parsing legacy CPU profile: byte 40: record of 9 frames runs past the end of the data"),
        BrokenInput(
            name: "cut word", bytes: words([0, 3, 0, 10000, 0, 5]) + [1, 2, 3],
            message: "parsing legacy CPU profile: byte 48: the data ends inside a 64-bit word"),
        BrokenInput(
            name: "huge count", bytes: words([0, 3, 0, 10000, 0, UInt64.max, 1, 0x401000]),
            message: "parsing legacy CPU profile: byte 40: sample count 18446744073709551615 does not fit in 64 bits"),
        BrokenInput(
            name: "binary garbage in the memory map", bytes: words([0, 3, 0, 10000, 0, 1, 1, 0x401000, 0, 1, 0]) + [0x41, 0x00, 0x42],
            message: "parsing legacy profile: line 1: binary data in a text profile (byte 0x0 at column 2)"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: BrokenInput) throws {
        try expectErrorLine(c.bytes, message: c.message)
    }
}

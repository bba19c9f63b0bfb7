import Foundation
import HeapscopeTestSupport
import Testing

/// Every bad input gives exactly one line on stderr,
/// `heapscope: error: FILE: what is wrong`, and exit status 1.
@Suite("Bad input: one error line, exit 1")
struct ErrorTests {
    typealias Case = BrokenInput
    static let supported =
        "heapscope reads profile.proto (gzipped or not) and the legacy formats go tool pprof reads: heap text (Go ?debug=1, gperftools), contention text (Go mutex/block ?debug=1, contentionz), Go goroutine/threadcreate text, thread text (threadz), Java text (heapz, contentionz) and the binary CPU format (C++ and Java)"

    static let cases: [Case] = [
        Case(name: "empty file", bytes: [], message: "empty input file"),
        Case(
            name: "text file", bytes: Array("goroutine profiles: total 3\n".utf8),
            message: "not a pprof profile: the file is text, neither gzip nor protobuf; \(supported)"),
        Case(
            name: "corrupt protobuf", bytes: [0x32, 0x7f, 0x00],
            message: "parsing profile: length 127 runs past the end of the data in Profile at byte 1"),
        Case(
            name: "invalid reference",
            bytes: {
                var w = ProtoWriter()
                for s in ["", "inuse_space", "bytes"] { w.string(6, s) }
                w.message(1) {
                    $0.int(1, 1)
                    $0.int(2, 2)
                }
                w.message(2) {
                    $0.packed(1, [3])
                    $0.packed(2, [10])
                }
                return w.bytes
            }(), message: "malformed profile: sample 0 has nil location (location id 3 does not exist)"),
        Case(
            name: "truncated gzip", bytes: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b],
            message: "decompressing profile: gzip stream is truncated (unexpected end of input)"),
        Case(
            name: "corrupt gzip", bytes: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff],
            message: "decompressing profile: corrupt gzip data: invalid block type"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: Case) throws {
        let path = try temporaryFile(c.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for command in ["top", "info"] {
            let result = try CLI.run([command, path])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "heapscope: error: \(path): \(c.message)\n")
        }
    }

    @Test func missingFile() throws {
        let result = try CLI.run(["top", "Fixtures/profiles/no-such-file.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: Fixtures/profiles/no-such-file.pb.gz: cannot read: no such file or directory\n")
    }

    @Test func directory() throws {
        let result = try CLI.run(["top", "Fixtures/profiles"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: Fixtures/profiles: cannot read: is a directory\n")
    }

    @Test func overTheSizeCap() throws {
        let bomb = try gzipped([UInt8](repeating: 0, count: 4 << 20))
        let path = try temporaryFile(bomb)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["top", "--max-decompressed-size", "1MB", path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "heapscope: error: \(path): decompressed profile is larger than the limit of 1048576 bytes (raise it with --max-decompressed-size)\n"
        )
    }

    @Test func sampleIndexOutOfRange() throws {
        let result = try CLI.run(["top", "--sample-index", "7", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: Fixtures/profiles/mapleak.pb.gz: sample_index 7 is outside the range [0..3]\n")
    }

    @Test func unknownSampleIndex() throws {
        let result = try CLI.run(["top", "--sample-index", "cpu", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "heapscope: error: Fixtures/profiles/mapleak.pb.gz: sample_index \"cpu\" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]\n"
        )
    }

    @Test func mergingIncompatibleProfiles() throws {
        let result = try CLI.run(["top", "Fixtures/profiles/mapleak.pb.gz", "Fixtures/profiles/cpu.pb.gz"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "heapscope: error: Fixtures/profiles/mapleak.pb.gz, Fixtures/profiles/cpu.pb.gz: incompatible period types space/bytes and cpu/nanoseconds"
            ))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func usageErrorKeepsArgumentParserStatus() throws {
        let result = try CLI.run(["top"])
        #expect(result.status == 64)
        let bad = try CLI.run(["top", "--nodecount", "-3", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(bad.status == 64)
    }

    @Test func badSizeOption() throws {
        let result = try CLI.run(["top", "--max-decompressed-size", "lots", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--max-decompressed-size must be a size such as 512MB or 2GB"))
    }
}

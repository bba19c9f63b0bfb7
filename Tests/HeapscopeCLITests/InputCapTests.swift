import Foundation
import HeapscopeTestSupport
import Testing

/// Every input goes through one capped reader: devices, FIFOs, raw files and
/// standard input never read past --max-decompressed-size, and input that
/// cannot be protobuf fails after its first bad field.
@Suite("Capped input")
struct InputCapTests {
    @Test(
        "devices fail fast with one line",
        arguments: [
            ("/dev/zero", "heapscope: error: /dev/zero: parsing profile: field number 0 in Profile at byte 0\n"),
            ("/dev/urandom", nil),
        ])
    func devices(_ device: String, _ expected: String?) throws {
        let start = Date()
        let result = try CLI.run(["top", "--max-decompressed-size", "1MB", device])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: \(device): "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        if let expected { #expect(result.stderr == expected) }
    }

    @Test func fifoFedForeverStopsAtTheCap() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-fifo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        // `yes 2` writes "2\n" forever: it looks like text, so only the cap stops it.
        let result = try Shell.run("mkfifo '\(fifo)' && (yes 2 > '\(fifo)' &) && $HEAPSCOPE top --max-decompressed-size 1MB '\(fifo)'")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "heapscope: error: \(fifo): decompressed profile is larger than the limit of 1048576 bytes (raise it with --max-decompressed-size)\n"
        )
    }

    @Test func standardInputIsCapped() throws {
        let result = try Shell.run("yes 2 | $HEAPSCOPE info --max-decompressed-size 1MB -")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "heapscope: error: -: decompressed profile is larger than the limit of 1048576 bytes (raise it with --max-decompressed-size)\n"
        )
    }

    @Test func rawFileOverTheCap() throws {
        let path = try temporaryFile([UInt8](repeating: 0x0a, count: 3 << 20), suffix: ".pb")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["top", "--max-decompressed-size", "1MB", path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "heapscope: error: \(path): decompressed profile is larger than the limit of 1048576 bytes (raise it with --max-decompressed-size)\n"
        )
    }

    @Test("standard input reads gzip and raw profiles", arguments: ["top", "info", "traces"])
    func standardInput(_ command: String) throws {
        let file = try CLI.run([command, "Fixtures/profiles/mapleak.pb.gz"])
        let gzip = try Shell.run("$HEAPSCOPE \(command) - < Fixtures/profiles/mapleak.pb.gz")
        let raw = try Shell.run("gzip -dc Fixtures/profiles/mapleak.pb.gz | $HEAPSCOPE \(command) -")
        #expect(file.status == 0 && gzip.status == 0 && raw.status == 0)
        #expect(gzip.stdout == file.stdout)
        #expect(raw.stdout == file.stdout)
    }

    @Test func missingFileIsAnIOError() throws {
        let result = try CLI.run(["top", "Fixtures/profiles/no-such-file.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: Fixtures/profiles/no-such-file.pb.gz: cannot read: no such file or directory\n")
    }

    @Test func noSampleTypesNamesTheFile() throws {
        var writer = ProtoWriter()
        writer.string(6, "")
        writer.int(9, 1)
        let path = try temporaryFile(writer.bytes, suffix: ".pb")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["top", path])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: \(path): profile has no samples\n")
    }
}

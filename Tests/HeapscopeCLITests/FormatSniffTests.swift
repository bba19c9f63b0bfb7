import Foundation
import HeapscopeTestSupport
import Testing

@Suite("Formats are recognised by content, and other files are described")
struct FormatSniffTests {
    static let supported = ErrorTests.supported

    static let cases: [BrokenInput] = [
        BrokenInput(
            name: "HTML page", bytes: Array("\n<!DOCTYPE html>\n<html><head><title>Login</title></head></html>\n".utf8),
            message:
                "not a pprof profile: this looks like an HTML page, not a profile (a login or error page saved instead of the profile?); \(supported)"
        ),
        BrokenInput(
            name: "JSON", bytes: Array("{\"rows\": []}\n".utf8),
            message: "not a pprof profile: this looks like JSON, not a profile; \(supported)"),
        BrokenInput(
            name: "OTLP JSON", bytes: Array("{\"resourceProfiles\": [{\"scopeProfiles\": []}]}".utf8),
            message: "not a pprof profile: this looks like OpenTelemetry (OTLP) profiles in JSON; \(supported)"),
        BrokenInput(
            name: "goroutine dump", bytes: Array("goroutine 1 [running]:\nmain.main()\n".utf8),
            message: "not a pprof profile: this looks like a Go goroutine dump (?debug=2); \(supported)"),
        BrokenInput(
            name: "count header without a number", bytes: Array("goroutine profile: total many\n1 @ 0x1\n".utf8),
            message: "not a pprof profile: the file is text, neither gzip nor protobuf; \(supported)"),
        BrokenInput(
            name: "thread header without a name", bytes: Array("--- Thread 7f01 stack: ---\n0x1\n".utf8),
            message: "not a pprof profile: the file is text, neither gzip nor protobuf; \(supported)"),
        BrokenInput(
            name: "Java header of another version", bytes: Array("--- heapz 2 ---\nformat = java\n".utf8),
            message: "not a pprof profile: the file is text, neither gzip nor protobuf; \(supported)"),
        BrokenInput(
            name: "plain text", bytes: Array("just some notes\n".utf8),
            message: "not a pprof profile: the file is text, neither gzip nor protobuf; \(supported)"),
        BrokenInput(name: "empty file", bytes: [], message: "empty input file"),
    ]

    @Test(arguments: cases)
    func described(_ c: BrokenInput) throws {
        try expectErrorLine(c.bytes, message: c.message, command: "info")
    }

    @Test("a gzipped HTML page is described the same way")
    func gzippedHTML() throws {
        let path = try temporaryFile(try gzipped(Array("<html><body>502 Bad Gateway</body></html>".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CLI.run(["top", path]).stderr.contains("this looks like an HTML page"))
    }

    @Test(
        "the file name does not matter",
        arguments: [
            ("Fixtures/profiles/legacy/goheap.txt", "profile.pb.gz"), ("Fixtures/profiles/legacy/mutex.txt", "mutex.json"),
            ("Fixtures/profiles/mapleak.pb.gz", "heap.txt"), ("Fixtures/profiles/legacy/gperftools-heap.txt", "noextension"),
            ("Fixtures/profiles/legacy/gperftools-cpu.prof", "cpu.txt"), ("Fixtures/profiles/legacy/goroutine.txt", "heap.pb.gz"),
            ("Fixtures/profiles/legacy/threadz.txt", "threads.json"), ("Fixtures/profiles/legacy/java-heap.txt", "profile"),
            ("Fixtures/profiles/legacy/java-contention.txt", "mutex.txt"), ("Fixtures/profiles/legacy/java-cpu.prof", "cpu.txt"),
        ])
    func byContent(_ source: String, _ name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-sniff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent(source).path, toPath: copy)
        let original = try CLI.run(["top", source])
        let renamed = try CLI.run(["top", copy])
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout == original.stdout)
    }

    @Test("a contentionz header is Java text when its attributes are Java's, else C++ contention text")
    func javaOrCppContention() throws {
        let java = try CLI.run(["info", "Fixtures/profiles/legacy/java-contention.txt"]).stdout
        let cpp = try CLI.run(["info", "Fixtures/profiles/legacy/contentionz.txt"]).stdout
        #expect(java.contains("delay (default)            microsec"))
        #expect(cpp.contains("delay (default)            nanoseco"))
    }

    @Test func directory() throws {
        let result = try CLI.run(["info", "Fixtures/profiles/legacy"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: Fixtures/profiles/legacy: cannot read: is a directory\n")
    }
}

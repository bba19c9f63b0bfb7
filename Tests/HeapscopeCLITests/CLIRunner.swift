import Foundation
import Testing

/// Runs the built `heapscope` executable from the repository root.
enum CLI {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `heapscope` binary next to the test bundle (`swift test` builds it).
    static let binary: URL = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("heapscope"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("heapscope"),
            root.appendingPathComponent(".build/debug/heapscope"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `heapscope args…` in the repository root with TZ=UTC.
    static func run(_ args: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let raw = try runBytes(args, stdin: stdin, environment: environment)
        return Result(
            status: raw.status,
            stdout: String(decoding: raw.stdout, as: UTF8.self),
            stderr: String(decoding: raw.stderr, as: UTF8.self))
    }

    /// `run`, with both streams as bytes, unchanged (invalid UTF-8 included).
    static func runBytes(_ args: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> (
        status: Int32, stdout: Data, stderr: Data
    ) {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // stderr goes to a file so that neither stream can block the child.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-test-\(UUID().uuidString).err")
        try Data().write(to: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return (process.terminationStatus, outData, errData)
    }
}

/// One line of `Fixtures/golden/cases.tsv`: heapscope's arguments and the
/// file holding go tool pprof's output for the same case.
struct GoldenCase: CustomStringConvertible, Sendable {
    let id: String
    let arguments: [String]
    var description: String { id }

    var expected: String {
        (try? String(contentsOf: CLI.root.appendingPathComponent("Fixtures/golden/\(id).txt"), encoding: .utf8)) ?? "<missing golden \(id)>"
    }

    /// Every case of the manifest whose id starts with `prefix`.
    static func all(prefix: String) -> [GoldenCase] {
        let url = CLI.root.appendingPathComponent("Fixtures/golden/cases.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 3, columns[0].hasPrefix(prefix) else { return nil }
            return GoldenCase(id: String(columns[0]), arguments: columns[1].split(separator: " ").map(String.init))
        }
    }
}

/// Runs a golden case and expects go tool pprof's output, apart from the
/// time, the one value allowed to differ. Returns heapscope's output.
@discardableResult
func expectMatchesGolden(
    _ golden: GoldenCase, environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> String {
    let result = try CLI.run(golden.arguments, environment: environment)
    #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(
        withoutLegendTime(withoutTime(result.stdout)) == withoutLegendTime(withoutTime(golden.expected)),
        sourceLocation: sourceLocation)
    return result.stdout
}

/// Removes the value of the DOT legend's `Time:` line (`\lTime: …\l`).
func withoutLegendTime(_ dot: String) -> String {
    dot.replacingOccurrences(of: #"\\lTime: [^\\]*\\l"#, with: #"\\l"#, options: .regularExpression)
}

/// Drops the `Time:` line(s), the one line allowed to differ from pprof.
func withoutTime(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("Time: ") }
        .joined(separator: "\n")
}

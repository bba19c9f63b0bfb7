import Foundation
import Testing

/// A Go program from `Fixtures/generators` (leakysvc, hostilehttp), built
/// once per test run with `go build` and started on 127.0.0.1 with a free
/// port. `stop()` (also run on deinit) kills it; every wait is bounded.
final class GoServer: @unchecked Sendable {
    /// `host:port` the program listens on.
    let address: String
    private let process: Process

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    var url: String { "http://\(address)" }

    private static let buildLock = NSLock()
    nonisolated(unsafe) private static var built: [String: URL] = [:]
    private static let buildDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("heapscope-go-\(ProcessInfo.processInfo.processIdentifier)")

    /// Builds `Fixtures/generators/NAME` once per test process.
    static func binary(_ name: String) throws -> URL {
        buildLock.lock()
        defer { buildLock.unlock() }
        if let url = built[name] { return url }
        let output = buildDirectory.appendingPathComponent(name)
        let result = try runTool(
            "go", ["build", "-o", output.path, "./\(name)"],
            directory: CLI.root.appendingPathComponent("Fixtures/generators"), timeout: 300)
        guard result.status == 0 else { throw GoServerError("go build \(name) failed: \(result.output)") }
        built[name] = output
        return output
    }

    /// Starts `name` with `arguments` and waits (at most 30 s) for its
    /// "listening on HOST:PORT" line.
    init(_ name: String, _ arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = try Self.binary(name)
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let lineFound = DispatchSemaphore(value: 0)
        let buffer = LockedText()
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            if buffer.append(String(decoding: data, as: UTF8.self)).contains("\n") { lineFound.signal() }
        }
        try process.run()
        self.process = process
        guard lineFound.wait(timeout: .now() + 30) == .success,
            let line = buffer.text.split(separator: "\n").first, line.hasPrefix("listening on ")
        else {
            process.terminate()
            throw GoServerError("\(name) did not report its address within 30 s")
        }
        address = String(line.dropFirst("listening on ".count))
    }

    deinit { stop() }

    /// Kills the program and waits (at most 10 s) for it to exit.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
    }
}

struct GoServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Text appended to from a pipe's handler thread.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""

    /// Appends and returns the whole text so far.
    @discardableResult
    func append(_ more: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        value += more
        return value
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// Runs a tool found on PATH, with a time limit; output is stdout and stderr together.
func runTool(
    _ tool: String, _ arguments: [String], directory: URL = CLI.root,
    timeout: TimeInterval = 60
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.currentDirectoryURL = directory
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-tool-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outputFile) }
    let handle = try FileHandle(forWritingTo: outputFile)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw GoServerError("\(tool) \(arguments.joined(separator: " ")) took longer than \(Int(timeout)) s")
    }
    try handle.close()
    let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    return (process.terminationStatus, output)
}

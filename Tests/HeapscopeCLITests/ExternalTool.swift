import Foundation

/// Runs a program found on PATH (go, chromium) with a time limit, for the
/// tests that check heapscope's output with the real tool.
enum ExternalTool {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case timedOut(String, seconds: Double)

        var description: String {
            switch self {
            case .notFound(let name): return "\(name) is not installed (.ci/run installs it)"
            case .timedOut(let command, let seconds): return "\(command) did not finish within \(seconds) s"
            }
        }
    }

    /// The full path of `name` on PATH, or nil.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `name arguments…` in the repository root with TZ=UTC; kills it
    /// after `timeout` seconds.
    static func run(_ name: String, _ arguments: [String], timeout: Double = 60) throws -> Result {
        guard let executable = locate(name) else { throw Failure.notFound(name) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        process.environment = env
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-tool-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = Watchdog()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [process] in
            if process.isRunning {
                watchdog.fire()
                process.terminate()
            }
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if watchdog.fired {
            try? errHandle.close()
            throw Failure.timedOut(([name] + arguments).joined(separator: " "), seconds: timeout)
        }
        try errHandle.close()
        let errText = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: data, stderr: errText)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Whether a run's time limit passed (set from the timer's queue).
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var didFire = false

    func fire() {
        lock.withLock { didFire = true }
    }

    var fired: Bool { lock.withLock { didFire } }
}

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `heapscope` running in the background (a watch): its output goes to
/// files the test polls, every wait is bounded, and it is killed on deinit.
final class BackgroundCLI: @unchecked Sendable {
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    init(_ args: [String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-bg-\(UUID().uuidString)")
        outURL = base.appendingPathExtension("out")
        errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = CLI.binary
        process.arguments = args
        process.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        env["NO_COLOR"] = "1"
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }

    var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Waits (at most `timeout` seconds) until `condition` holds; false if it never did.
    @discardableResult
    func wait(timeout: TimeInterval, until condition: (BackgroundCLI) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(50_000)
        }
        return condition(self)
    }

    /// Sends `signal`.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits (at most `timeout` seconds) for the exit; kills it and returns nil past that.
    func exitStatus(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}

/// A GET over loopback from a test, bounded in time; nil on any failure.
func httpGet(_ url: String, timeout: TimeInterval = 10) -> String? {
    guard let url = URL(string: url) else { return nil }
    let result = LockedText()
    let done = DispatchSemaphore(value: 0)
    let ok = LockedText()
    URLSession.shared.dataTask(with: URLRequest(url: url, timeoutInterval: timeout)) { data, response, _ in
        if let data, (response as? HTTPURLResponse)?.statusCode == 200 {
            result.append(String(decoding: data, as: UTF8.self))
            ok.append("y")
        }
        done.signal()
    }.resume()
    guard done.wait(timeout: .now() + timeout + 1) == .success, ok.text == "y" else { return nil }
    return result.text
}

/// A new empty temporary directory.
func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

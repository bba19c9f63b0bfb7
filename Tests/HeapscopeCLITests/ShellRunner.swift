import Foundation

/// Runs a bash script with `$HEAPSCOPE` set to the built binary, in the
/// repository root: for cases that need a shell's redirections (a closed or
/// full stream, a FIFO, a pipe into `head`).
enum Shell {
    static func run(_ script: String) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env["HEAPSCOPE"] = CLI.binary.path
        env["TZ"] = "UTC"
        env["NO_COLOR"] = "1"
        process.environment = env
        let directory = FileManager.default.temporaryDirectory
        let outURL = directory.appendingPathComponent("heapscope-sh-\(UUID().uuidString).out")
        let errURL = directory.appendingPathComponent("heapscope-sh-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLI.Result(
            status: process.terminationStatus,
            stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }
}

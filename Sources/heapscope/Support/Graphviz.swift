import Foundation
import HeapscopeAnalysis

/// Graphviz's `dot` program, found on PATH, turning DOT text into SVG, PNG or PDF.
struct Graphviz {
    let executable: String

    /// Finds `dot` on PATH, or fails with one line saying how to install it.
    static func locate(for format: String) throws -> Graphviz {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in PathUtilities.splitList(path) where !directory.isEmpty {
            let candidate = directory + "/dot"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return Graphviz(executable: candidate)
            }
        }
        throw CLIError(
            "--format \(format) needs Graphviz's dot, which is not on PATH; install Graphviz (apt-get install graphviz) or use --format dot"
        )
    }

    /// Runs `dot -T<format>` on `source`, writing to `output` or standard output.
    func render(_ source: String, format: String, output: String?) throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-\(UUID().uuidString).dot")
        do {
            try Data(source.utf8).write(to: input)
        } catch {
            throw CLIError("cannot write a temporary file for Graphviz: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["-T" + format, input.path]
        if let output { arguments += ["-o", output] }
        process.arguments = arguments
        do {
            try process.run()
        } catch {
            throw CLIError("cannot run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw CLIError("\(executable) -T\(format) failed with exit status \(process.terminationStatus)")
        }
    }
}

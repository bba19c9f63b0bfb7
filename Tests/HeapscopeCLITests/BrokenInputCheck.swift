import Foundation
import HeapscopeTestSupport
import Testing

/// Writes `bytes` to a temporary file, runs `heapscope COMMAND FILE` and
/// expects exit 1, no output and exactly the error line with `message`.
func expectErrorLine(
    _ bytes: [UInt8], message: String, command: String = "top",
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let path = try temporaryFile(bytes, suffix: ".txt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CLI.run([command, path])
    #expect(result.status == 1, sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(result.stderr == "heapscope: error: \(path): \(message)\n", sourceLocation: sourceLocation)
}

import ArgumentParser
import Foundation

/// `-o/--output FILE`: where a command writes its result (standard output
/// when not given).
struct OutputFile: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var path: String?

    /// Writes `bytes` to the file, or to standard output, straight from the
    /// buffer (outputs can be hundreds of MB); a file that cannot be written
    /// is the error line.
    func write(_ bytes: [UInt8]) throws {
        guard let path else {
            if !Self.writeAll(bytes, to: STDOUT_FILENO) { throw fail("cannot write to standard output: \(Self.reason())") }
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw fail("cannot write \(path): \(Self.reason())") }
        let written = Self.writeAll(bytes, to: fd)
        let closed = close(fd) == 0
        if !written || !closed { throw fail("cannot write \(path): \(Self.reason())") }
    }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}

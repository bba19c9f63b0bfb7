import ArgumentParser
import Foundation
import HeapscopeProfile

/// `-o/--output FILE`: where a command writes its result (standard output
/// when not given).
struct OutputFile: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var path: String?

    /// Writes `bytes` to the file, or to standard output, straight from the
    /// buffer (outputs can be hundreds of MB); a write error is the error
    /// line, and a closed pipe on standard output ends quietly (status 141),
    /// as for every other output.
    func write(_ bytes: [UInt8]) throws {
        guard let path else {
            if let failure = StandardStreams.writeAll(bytes, to: STDOUT_FILENO) {
                if failure == EPIPE { Foundation.exit(141) }
                throw CLIError("cannot write to standard output: \(StandardStreams.reason(failure))")
            }
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CLIError("cannot write \(path): \(StandardStreams.reason(errno))") }
        let failure = StandardStreams.writeAll(bytes, to: fd)
        let closeFailure = close(fd) == 0 ? nil : errno
        if let failure = failure ?? closeFailure {
            throw CLIError("cannot write \(path): \(StandardStreams.reason(failure))")
        }
    }

    func write(_ text: String) throws {
        try write(RawBytes.bytes(text))
    }
}

import Foundation
import HeapscopeProfile
import HeapscopeReport

/// Where a command's output goes: standard output or a file, fed by a
/// `TextSink` one buffer (64 KiB) at a time, so memory does not grow with
/// the output. A write error is kept and reported by `finish()`; a closed
/// pipe on standard output (`| head`) ends the process quietly with status
/// 141, as SIGPIPE would (SIGPIPE itself is ignored).
final class OutputTarget {
    private let fd: Int32
    /// How the error line names the target: `standard output` or the path.
    private let name: String
    private var failure: Int32?

    private init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    /// Standard output.
    static var standardOutput: OutputTarget { OutputTarget(fd: STDOUT_FILENO, name: "standard output") }

    /// The file at `path`, created or truncated.
    static func file(_ path: String) throws -> OutputTarget {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CLIError("cannot write \(path): \(StandardStreams.reason(errno))") }
        return OutputTarget(fd: fd, name: path)
    }

    /// Writes `bytes` unless an earlier write failed.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        failure = StandardStreams.writeAll(UnsafeRawBufferPointer(bytes), to: fd)
        if failure == EPIPE && fd == STDOUT_FILENO { exit(141) }
    }

    /// A sink that writes here as it fills.
    func sink(escapesControlCharacters: Bool) -> TextSink {
        TextSink(escapesControlCharacters: escapesControlCharacters, drain: { [self] in write($0) })
    }

    /// Writes what `sink` still holds, closes a file, and turns a write error
    /// into the error line.
    func finish(_ sink: inout TextSink) throws {
        sink.flush()
        if fd != STDOUT_FILENO && close(fd) != 0 && failure == nil { failure = errno }
        if let failure {
            throw CLIError(
                fd == STDOUT_FILENO
                    ? "cannot write to standard output: \(StandardStreams.reason(failure))"
                    : "cannot write \(name): \(StandardStreams.reason(failure))")
        }
    }

    /// Runs `body` with a sink that streams here, then finishes.
    func stream(escaping: Bool, _ body: (inout TextSink) throws -> Void) throws {
        var sink = sink(escapesControlCharacters: escaping)
        try body(&sink)
        try finish(&sink)
    }
}

/// Raw writes to the standard streams, which never trap.
enum StandardStreams {
    /// Writes all of `bytes` to `fd`; returns errno on failure.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    /// strerror's text in lower case ("no space left on device").
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// Writes one line to standard error, control characters escaped (so that
/// no string can forge a second line). A write error is ignored: there is
/// nowhere left to report it, and the exit status still tells.
func printError(_ line: String) {
    let bytes = Array((ControlCharacters.escaped(line) + "\n").utf8)
    _ = bytes.withUnsafeBytes { StandardStreams.writeAll($0, to: STDERR_FILENO) }
}

/// Writes what `body` produces to standard output as it is produced;
/// `escaping`: escape control characters other than newline and tab (off
/// for colored output, JSON and markup).
func streamOutput(escaping: Bool, _ body: (inout TextSink) throws -> Void) throws {
    try OutputTarget.standardOutput.stream(escaping: escaping, body)
}

/// Writes `text` to standard output (short messages).
func writeOutput(_ text: String, escaping: Bool) throws {
    try streamOutput(escaping: escaping) { $0.write(text) }
}

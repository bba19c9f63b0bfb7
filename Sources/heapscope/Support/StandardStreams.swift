import Foundation
import HeapscopeProfile

/// Standard output through a bounded buffer: text is written as it is
/// produced, so memory does not grow with the output. A write error is kept
/// and reported by `finish()`; a closed pipe (`| head`) ends the process
/// quietly with status 141, as SIGPIPE would (SIGPIPE itself is ignored).
struct StandardOutput: TextOutputStream {
    static let bufferSize = 1 << 16
    /// Escape control characters other than newline and tab (text output
    /// that is not colored).
    let escapesControlCharacters: Bool
    private var buffer: [UInt8] = []
    private var failure: Int32?

    init(escapesControlCharacters: Bool) {
        self.escapesControlCharacters = escapesControlCharacters
        buffer.reserveCapacity(Self.bufferSize)
    }

    mutating func write(_ string: String) {
        guard failure == nil else { return }
        // Raw bytes of profile strings (invalid UTF-8) are written back as
        // they were, as pprof does (see `RawBytes`).
        if escapesControlCharacters, ControlCharacters.contains(string, allowing: ControlCharacters.lineBreaks) {
            RawBytes.append(ControlCharacters.escaped(string, allowing: ControlCharacters.lineBreaks), to: &buffer)
        } else {
            RawBytes.append(string, to: &buffer)
        }
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Writes out what is buffered.
    mutating func flush() {
        guard failure == nil else { return }
        failure = StandardStreams.writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
        if failure == EPIPE { exit(141) }
    }

    /// Flushes, and turns a write error into the error line.
    mutating func finish() throws {
        flush()
        if let failure {
            throw CLIError("cannot write to standard output: \(StandardStreams.reason(failure))")
        }
    }
}

/// Raw writes to the standard streams, which never trap.
enum StandardStreams {
    /// Writes all of `bytes` to `fd`; returns errno on failure.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, raw.count - offset)
            }
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
    _ = StandardStreams.writeAll(Array((ControlCharacters.escaped(line) + "\n").utf8), to: STDERR_FILENO)
}

/// Writes `text` to standard output; `escaping`: escape control characters
/// other than newline and tab (off for colored output).
func writeOutput(_ text: String, escaping: Bool) throws {
    var out = StandardOutput(escapesControlCharacters: escaping)
    out.write(text)
    try out.finish()
}

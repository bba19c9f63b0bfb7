import Foundation

/// Writes snapshots so that a crash never leaves a partial profile: the
/// bytes go to a hidden temporary file in the same directory (a name no
/// reader lists: it starts with `.` and does not end in `.pb.gz`), are
/// flushed to disk, and the file is renamed into place in one step.
package enum SnapshotWriter {
    package struct WriteError: Error, CustomStringConvertible {
        package let description: String
    }

    /// Writes `bytes` to `path` atomically; the directory must exist.
    package static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "\(path): cannot be written (\(String(cString: strerror(errno))))") }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(description: "\(path): cannot be written (\(String(cString: strerror(failure))))")
        }
    }

    /// A path in `directory` for `name` that does not exist yet: `name`, or
    /// with `_1`, `_2`, … before `.pb.gz` when two snapshots share a second.
    package static func freePath(in directory: String, name: String) -> String {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var path = base + "/" + name
        var counter = 1
        while FileManager.default.fileExists(atPath: path) {
            path = base + "/" + name.replacingOccurrences(of: ".pb.gz", with: "_\(counter).pb.gz")
            counter += 1
        }
        return path
    }
}

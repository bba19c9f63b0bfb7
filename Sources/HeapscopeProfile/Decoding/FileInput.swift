import Foundation

extension ProfileDecoder {
    /// Reads a whole file into one buffer (no intermediate copy).
    static func readFile(_ path: String) throws(ProfileError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .notAProfile(openFailure(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .notAProfile(openFailure(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .notAProfile("is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .notAProfile(openFailure(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "cannot be read (permission denied)"
        case EISDIR: return "is a directory"
        default: return "cannot be read (\(String(cString: strerror(code))))"
        }
    }
}

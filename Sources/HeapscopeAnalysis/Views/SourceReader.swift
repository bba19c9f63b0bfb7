import Foundation

/// Finds and reads the source files of a `list` report, as pprof's
/// `sourceReader` and `openSourceFile` do, with one addition: a relative file
/// whose first directory exists under `$GOROOT/src` (a standard-library file
/// of a profile built with -trimpath) is also looked for there.
///
/// Each file is read at most once.
public final class SourceReader {
    /// Directories to search, separated by `:` (the working directory when
    /// the user gave none). Each is searched, then each of its parents.
    public let searchPath: String
    /// Prefixes to strip from file names, separated by `:`.
    public let trimPath: String
    private let goRoot: () -> String?
    private var cache: [String: Result<[String], SourceError>] = [:]

    /// `goRoot` is asked, at most once, only when a file is not found on the
    /// search path.
    public init(searchPath: String, trimPath: String, goRoot: @escaping () -> String?) {
        self.searchPath = searchPath
        self.trimPath = trimPath
        var resolved: String??
        self.goRoot = {
            if let resolved { return resolved }
            let root = goRoot()
            resolved = .some(root)
            return root
        }
    }

    /// The lines of `file` (element 0 is line 1), or why it could not be read.
    public func lines(of file: String) -> Result<[String], SourceError> {
        if let cached = cache[file] { return cached }
        let result = read(file)
        cache[file] = result
        return result
    }

    private func read(_ file: String) -> Result<[String], SourceError> {
        let path = FileNameRewriter(trimPath: trimPath, sourcePath: searchPath).rewrite(file)
        if path.hasPrefix("/") {
            return Self.readLines(path).mapError { SourceError(file: path, message: "open \(path): \($0.reason)") }
        }
        for var dir in PathUtilities.splitList(searchPath) {
            while true {
                if case .success(let lines) = Self.readLines(PathUtilities.join(dir, path)) { return .success(lines) }
                let parent = PathUtilities.dir(dir)
                if parent == dir { break }
                dir = parent
            }
        }
        var looked = searchPath
        if let root = goRoot() {
            let src = PathUtilities.join(root, "src")
            let top = path.split(separator: "/").first.map(String.init) ?? path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: PathUtilities.join(src, top), isDirectory: &isDirectory), isDirectory.boolValue {
                if case .success(let lines) = Self.readLines(PathUtilities.join(src, path)) { return .success(lines) }
                looked += ":" + src
            }
        }
        return .failure(SourceError(file: path, message: "could not find file \(path) on path \(looked)"))
    }

    /// Reads a file and splits it as Go's `bufio.ScanLines` does (a final
    /// newline ends the last line, a `\r` before a newline is dropped). On
    /// failure, the system's reason in Go's lower-case wording.
    static func readLines(_ path: String) -> Result<[String], ReadFailure> {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return .failure(ReadFailure(reason: reason(errno))) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return .failure(ReadFailure(reason: "read \(path): \(error.localizedDescription)"))
        }
        var lines: [String] = []
        var segments = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if segments.last?.isEmpty == true { segments.removeLast() }
        for var segment in segments {
            if segment.last == 0x0D { segment = segment.dropLast() }
            lines.append(String(decoding: segment, as: UTF8.self))
        }
        return .success(lines)
    }

    private static func reason(_ code: Int32) -> String {
        var text = String(cString: strerror(code))
        if let first = text.first { text = first.lowercased() + text.dropFirst() }
        return text
    }
}

/// Why a file could not be read, in Go's wording (`no such file or directory`).
struct ReadFailure: Error {
    var reason: String
}

/// A source file `list` could not read.
public struct SourceError: Error, Sendable, Equatable {
    /// The file name after trimming, as it was looked for.
    public var file: String
    /// One line: which file and where it was looked for.
    public var message: String
}

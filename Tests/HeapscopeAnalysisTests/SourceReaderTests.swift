import Foundation
import Testing

@testable import HeapscopeAnalysis

@Suite("finding source files for list")
struct SourceReaderTests {
    /// A scratch directory with `files` (relative path -> contents).
    func scratch(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-src-\(UUID().uuidString)").path
        for (path, contents) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        return root
    }

    @Test func absoluteFileThatDoesNotExist() {
        let reader = SourceReader(searchPath: "/tmp", trimPath: "", goRoot: { nil })
        #expect(
            reader.lines(of: "/nonexistent/dir/x.go")
                == .failure(
                    SourceError(
                        file: "/nonexistent/dir/x.go",
                        message: "open /nonexistent/dir/x.go: no such file or directory")))
    }

    @Test func searchesParentsOfEachDirectory() throws {
        let root = try scratch(["app/pkg/a.go": "one\ntwo\r\nthree"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reader = SourceReader(searchPath: "/nonexistent:\(root)/app/deep/er", trimPath: "", goRoot: { nil })
        #expect(reader.lines(of: "pkg/a.go") == .success(["one", "two", "three"]))
    }

    @Test func trimPathIsStrippedBeforeSearching() throws {
        let root = try scratch(["pkg/a.go": "x\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reader = SourceReader(searchPath: root, trimPath: "/build/machine", goRoot: { nil })
        #expect(reader.lines(of: "/build/machine/pkg/a.go") == .success(["x"]))
    }

    @Test func standardLibraryFallsBackToGoRoot() throws {
        let root = try scratch(["src/fakepkg/a.go": "package fakepkg\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var asked = 0
        let reader = SourceReader(
            searchPath: "/nonexistent", trimPath: "",
            goRoot: {
                asked += 1
                return root
            })
        #expect(reader.lines(of: "fakepkg/a.go") == .success(["package fakepkg"]))
        #expect(
            reader.lines(of: "fakepkg/b.go")
                == .failure(
                    SourceError(
                        file: "fakepkg/b.go",
                        message: "could not find file fakepkg/b.go on path /nonexistent:\(root)/src")))
        // Not a standard-library directory: GOROOT is not searched nor named.
        #expect(
            reader.lines(of: "myapp/main.go")
                == .failure(
                    SourceError(
                        file: "myapp/main.go",
                        message: "could not find file myapp/main.go on path /nonexistent")))
        #expect(asked == 1)
    }

    @Test func noGoRoot() {
        let reader = SourceReader(searchPath: "/nonexistent", trimPath: "", goRoot: { nil })
        #expect(
            reader.lines(of: "bytes/buffer.go")
                == .failure(
                    SourceError(
                        file: "bytes/buffer.go",
                        message: "could not find file bytes/buffer.go on path /nonexistent")))
    }

    @Test func goPathHelpers() {
        #expect(PathUtilities.dir("a/b/c") == "a/b")
        #expect(PathUtilities.dir("a") == ".")
        #expect(PathUtilities.dir("/a") == "/")
        #expect(PathUtilities.dir("/") == "/")
        #expect(PathUtilities.join("a/b", "../c.go") == "a/c.go")
        #expect(PathUtilities.join(".", "c.go") == "c.go")
        #expect(PathUtilities.join("", "c.go") == "c.go")
    }
}

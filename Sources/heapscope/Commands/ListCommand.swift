import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeReport

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Annotated source of the functions matching a regular expression (go tool pprof -list).",
        discussion: """
            Prints one ROUTINE block per matching function and source file, with \
            each line's flat and cumulative value, as `go tool pprof -list`. The \
            expression is matched, unanchored, against function names. Nodes are \
            always source lines and nothing is pruned (--granularity, --nodecount \
            and the fractions are ignored, as in pprof).

            Source files are looked for as pprof does: an absolute name as it is; a \
            relative name in each --source-path directory (default: the working \
            directory) and each of its parents. heapscope then also tries \
            $GOROOT/src (GOROOT from the environment, else `go env GOROOT`) for \
            standard-library files of profiles built with -trimpath. A missing \
            file gets the block's header and one "Error:" line naming the file \
            and the path searched.

            Examples:
              heapscope list 'main\\.' heap.pb.gz
              heapscope list --source-path ~/src/app --trim-path example.com/app \\
                  'Handler' heap.pb.gz
              heapscope list 'bytes\\.\\(\\*Buffer\\)\\.grow' heap.pb.gz
              heapscope list --format json 'main\\.alloc' heap.pb.gz
            """)

    @Argument(help: "Regular expression matched against function names.")
    var pattern: String

    @OptionGroup var input: ReportInput

    @Option(
        name: .customLong("source-path"), help: "Directories to search for source files, separated by ':' (default: the working directory)."
    )
    var sourcePath: String?

    @Option(name: .customLong("trim-path"), help: "Path prefixes to remove from file names before searching, separated by ':'.")
    var trimPath: String = ""

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func validate() throws {
        _ = try compilePattern(pattern)
    }

    func run() throws {
        let matcher = try compilePattern(pattern)
        // pprof lists source lines, unpruned.
        let context = try input.context(defaultNodeCount: 0, forText: format == .text, samples: .sums) { options in
            options.nodes = ListView.nodeOptions(inlines: options.nodes.inlines, trimPath: trimPath, sourcePath: sourcePath ?? "")
            options.prune = PruneOptions(nodeCount: 0, nodeFraction: 0, edgeFraction: 0)
        }
        let reader = SourceReader(searchPath: sourcePath ?? workingDirectory(), trimPath: trimPath, goRoot: discoverGoRoot)
        let view = try failing { try ListView(context: context, pattern: matcher, reader: reader) }
        try format.stream(text: { ListRenderer.write(view, to: &$0) }, json: ListRenderer.json(view))
    }
}

/// The Go root whose `src` holds the standard library: `$GOROOT`, else what
/// `go env GOROOT` prints when `go` is installed, else nil.
func discoverGoRoot() -> String? {
    if let root = ProcessInfo.processInfo.environment["GOROOT"], !root.isEmpty { return root }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["go", "env", "GOROOT"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let root = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return root.isEmpty ? nil : root
}

/// The working directory as Go's `os.Getwd` gives it (and so as pprof prints
/// it): `$PWD` when that names the current directory, else the real path.
func workingDirectory() -> String {
    let real = FileManager.default.currentDirectoryPath
    guard let pwd = ProcessInfo.processInfo.environment["PWD"], pwd.hasPrefix("/") else { return real }
    var a = stat()
    var b = stat()
    guard stat(pwd, &a) == 0, stat(".", &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino else { return real }
    return pwd
}

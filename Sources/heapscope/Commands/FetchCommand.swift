import ArgumentParser
import Foundation
import HeapscopeLive

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download profiles from running services and save them as snapshots.",
        discussion: """
            Each URL is downloaded (streamed under --max-decompressed-size), \
            checked to be a valid profile, and saved under a name that sorts by \
            time and names the target, e.g. \
            127.0.0.1_6060.heap.20261201T051500Z.pb.gz. The file is written to a \
            temporary name and renamed, so a crash never leaves a partial profile. \
            The saved path is printed, one line per URL.

            Exit status: 0 all saved, 1 a URL failed (one error line each; the \
            others are still saved), 64 usage error.

            Examples (URL='http://127.0.0.1:6060/debug/pprof/heap?gc=1'):
              heapscope fetch "$URL"
              heapscope fetch --output-dir snapshots/ "$URL"
              heapscope fetch -o before.pb.gz "$URL"
              heapscope fetch --header 'Authorization: Bearer TOKEN' https://svc/debug/pprof/heap
              heapscope fetch --seconds 30 http://127.0.0.1:6060/debug/pprof/allocs
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Save into this directory (created if missing).", valueName: "dir"))
    var outputDirectory: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Save the one profile as this file.", valueName: "file"))
    var output: String?

    @Argument(help: "Profile endpoints (http:// or https://), e.g. http://127.0.0.1:6060/debug/pprof/heap.")
    var urls: [String]

    func validate() throws {
        if urls.isEmpty { throw ValidationError("give at least one URL") }
        if output != nil && outputDirectory != nil { throw ValidationError("give --output-dir or -o, not both") }
        if output != nil && urls.count > 1 { throw ValidationError("-o takes one URL; use --output-dir for several") }
    }

    func run() throws {
        let decode = try source.decodeOptions()
        let directory = outputDirectory ?? "."
        if output == nil {
            try failing(directory) { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        }
        var failed = false
        for url in urls {
            do {
                let request = try failing(url) { try source.remote.request(url) }
                let saved = try failing(url) {
                    try SnapshotCapture.capture(
                        ProfileDownload(request, options: decode), request: request,
                        to: output.map { .file($0) } ?? .directory(directory))
                }
                try writeOutput(saved.path + "\n", escaping: true)
            } catch let error as CLIError {
                // One URL's failure is its error line; the others are still fetched.
                printError("heapscope: error: " + error.message)
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}

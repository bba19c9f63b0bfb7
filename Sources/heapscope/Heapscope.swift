import ArgumentParser
import Foundation

@main
struct Heapscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heapscope",
        abstract: "Read Go pprof heap profiles: where memory is held, what changed, what keeps growing.",
        discussion: """
            Profiles are the files runtime/pprof or /debug/pprof/heap write (gzipped \
            profile.proto); raw protobuf and the legacy text formats are read too, and `-` \
            reads standard input. Several profiles given together are merged, as go tool \
            pprof does. Wherever a file is accepted, an http(s) URL is too (--timeout, \
            --seconds, --header); `fetch` saves snapshots and `watch` captures them on a \
            schedule (docs/live.md).

            Exit status: 0 success, 1 error (bad input, I/O error), \
            3 a gate failed (diff --max-growth/--max-node-growth, trend --fail-on-growth/--max-growth, \
            watch --count/--for with a trend gate), \
            64 usage error (unknown option, missing argument, bad option value).
            """,
        version: "0.1.0",
        subcommands: [
            TopCommand.self, ListCommand.self, PeekCommand.self, TreeCommand.self,
            TracesCommand.self, TagsCommand.self, DotCommand.self, FlameCommand.self, ExportCommand.self,
            DiffCommand.self, TrendCommand.self, FetchCommand.self, WatchCommand.self,
            InfoCommand.self,
        ]
    )

    /// The one place errors are reported: a `CLIError` prints
    /// `heapscope: error: …` and exits with its status; an `ExitCode` exits
    /// quietly; swift-argument-parser reports usage errors (status 64),
    /// help and version.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let status: Int32
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
            status = 0
        } catch let error as CLIError {
            printError("heapscope: error: " + error.message)
            status = error.status
        } catch let code as ExitCode {
            status = code.rawValue
        } catch {
            type(of: command).exit(withError: error)  // a bad option value found in run()
        }
        Self.exit(withError: status == 0 ? nil : ExitCode(status))
    }
}

import ArgumentParser

@main
struct Heapscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heapscope",
        abstract: "Read Go pprof heap profiles: where memory is held, what changed, what keeps growing.",
        discussion: """
        Profiles are the files runtime/pprof or /debug/pprof/heap write (gzipped \
        profile.proto); raw protobuf is read too. Several profiles given together \
        are merged, as go tool pprof does. Wherever a file is accepted, an http(s) \
        URL is too (--timeout, --seconds, --header); `fetch` saves snapshots and \
        `watch` captures them on a schedule (docs/live.md).

        Exit status: 0 success, 1 error (bad input, bad option value), \
        3 a gate failed (diff --max-growth/--max-node-growth, trend --fail-on-growth/--max-growth, \
        watch --count/--for with a trend gate), \
        64 usage error.
        """,
        version: "0.1.0",
        subcommands: [TopCommand.self, ListCommand.self, PeekCommand.self, TreeCommand.self,
                      TracesCommand.self, TagsCommand.self, DotCommand.self, DiffCommand.self, TrendCommand.self, FetchCommand.self, WatchCommand.self,
                      InfoCommand.self]
    )
}

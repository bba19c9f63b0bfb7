import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The functions holding the most memory (go tool pprof -top).",
        discussion: """
            Prints the same report as `go tool pprof -top` for the same profile \
            and options, or the same rows as JSON with --format json.

            Examples:
              heapscope top heap.pb.gz
              heapscope top --cum --nodecount 20 heap.pb.gz
              heapscope top --sample-index alloc_space --unit MB heap.pb.gz
              heapscope top --format json heap.pb.gz | jq '.rows[0]'
              heapscope top --focus 'main\\.' --ignore runtime heap.pb.gz
              heapscope top --tag-focus bytes=1kb: --granularity lines heap.pb.gz
              heapscope top snapshot1.pb.gz snapshot2.pb.gz   (merged)
              heapscope top --diff-base before.pb.gz after.pb.gz   (what changed)
              heapscope top --timeout 10 http://127.0.0.1:6060/debug/pprof/heap   (a running service)
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func run() throws {
        let view = TopView(context: try input.context(defaultNodeCount: 0, forText: format == .text, samples: .sums))
        try format.stream(text: { TopRenderer.write(view, to: &$0) }, json: TopRenderer.json(view))
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct TracesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "Every sample with its labels and call stack (go tool pprof -traces).",
        discussion: """
            Prints each sample in file order, as `go tool pprof -traces`: its \
            labels (for heap profiles, the `bytes` allocation size), then its stack \
            from the allocating frame up, the value on the first line.

            Examples:
              heapscope traces heap.pb.gz
              heapscope traces --sample-index alloc_space --granularity lines heap.pb.gz
              heapscope traces --format json heap.pb.gz | jq '.traces | length'
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func run() throws {
        let view = TracesView(context: try input.context(defaultNodeCount: 0, sumIdenticalSamples: true, forText: format == .text))
        try format.stream(text: { TracesRenderer.write(view, to: &$0) }, json: TracesRenderer.json(view))
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "How the profile's value splits over each label (go tool pprof -tags).",
        discussion: """
            Prints, for every label key, the total and each value's share, as \
            `go tool pprof -tags`. For Go heap profiles the `bytes` label gives the \
            allocation-size histogram: how much memory blocks of each size hold.

            Examples:
              heapscope tags heap.pb.gz
              heapscope tags --sample-index alloc_objects heap.pb.gz
              heapscope tags --format json heap.pb.gz | jq '.keys[0].values'
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func run() throws {
        let view = TagsView(context: try input.context(defaultNodeCount: 0, forText: format == .text))
        try format.stream(text: { TagsRenderer.write(view, to: &$0) }, json: TagsRenderer.json(view))
    }
}

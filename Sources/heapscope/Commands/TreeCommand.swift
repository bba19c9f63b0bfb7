import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Every node with its callers and callees (go tool pprof -tree).",
        discussion: """
            Prints the same report as `go tool pprof -tree`: for each node, its \
            callers, the node's own row, then its callees. As in pprof, at most 80 \
            nodes are shown unless --nodecount says otherwise.

            Examples:
              heapscope tree heap.pb.gz
              heapscope tree --cum --nodecount 10 heap.pb.gz
              heapscope tree --granularity filefunctions --no-inlines heap.pb.gz
              heapscope tree --format json heap.pb.gz | jq '.entries[0].callers'
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func run() throws {
        let context = try input.context(defaultNodeCount: 80, forText: format == .text, samples: .sums)
        let view = try failing { try TreeView(context: context) }
        try format.stream(text: { TreeRenderer.write(view, to: &$0) }, json: TreeRenderer.json(view, name: "tree"))
    }
}

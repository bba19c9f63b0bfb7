import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct PeekCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek",
        abstract: "Callers and callees of the nodes matching a regular expression (go tool pprof -peek).",
        discussion: """
            Prints the `tree` blocks of the nodes whose name matches the expression \
            (unanchored), as `go tool pprof -peek`. Nothing is pruned: --nodecount \
            and the fractions are ignored, as in pprof. Caller and callee \
            percentages are of the node's cumulative value.

            Examples:
              heapscope peek 'main\\.keyFor' heap.pb.gz
              heapscope peek --granularity lines 'json' heap.pb.gz
              heapscope peek --format json 'Put$' heap.pb.gz
            """)

    @Argument(help: "Regular expression matched against node names.")
    var pattern: String

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func validate() throws {
        _ = try compilePattern(pattern)
    }

    func run() throws {
        let matcher = try compilePattern(pattern)
        // pprof does not prune for peek.
        let context = try input.context(defaultNodeCount: 0, forText: format == .text, samples: .sums) {
            $0.prune = PruneOptions(nodeCount: 0, nodeFraction: 0, edgeFraction: 0)
        }
        let view = try failing { try TreeView(context: context, pattern: matcher) }
        try format.stream(text: { TreeRenderer.write(view, to: &$0) }, json: TreeRenderer.json(view, name: "peek"))
    }
}

import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeReport

struct DotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "The call graph as Graphviz DOT (go tool pprof -dot), or rendered to SVG, PNG or PDF.",
        discussion: """
            Writes the same graph as `go tool pprof -dot` for the same profile and \
            options: nodes in pprof's entropy order, sized by flat value and coloured \
            by cumulative value (red for growth, green for shrinkage in diffs), the \
            `bytes` label nodelets of heap profiles, and dotted edges where pruned \
            nodes were skipped. Pruning defaults to 80 nodes (--nodecount); --cum does not change the order. Every name is escaped, \
            so hostile function names cannot break the graph.

            --format svg, png and pdf run Graphviz's `dot` (found on PATH); \
            --format json gives the nodes and edges as data.

            Examples:
              heapscope dot heap.pb.gz | dot -Tsvg > heap.svg
              heapscope dot --format svg --output heap.svg heap.pb.gz
              heapscope dot --nodecount 30 --sample-index alloc_space heap.pb.gz
              heapscope dot --format json heap.pb.gz | jq '.nodes[0]'

            Exit status: 0 success, 1 error (bad input, bad option value, Graphviz \
            missing or failing), 64 usage error.
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: dot, svg, png, pdf (these three need Graphviz) or json.")
    var format: GraphFormat = .dot

    @Option(name: .customLong("output"), help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        // Look for Graphviz before any work, so a missing `dot` fails fast.
        let graphviz = try format.needsGraphviz ? Graphviz.locate(for: format.rawValue) : nil
        let view = DotView(context: try input.context(defaultNodeCount: 80))
        switch format {
        case .dot: try emit { DotRenderer.write(view, to: &$0) }
        case .json: try emit { DotRenderer.json(view).write(to: &$0) }
        case .svg, .png, .pdf:
            if let graphviz { try graphviz.render(DotRenderer.dot(view), format: format.rawValue, output: output) }
        }
    }

    /// Writes what `body` produces to `--output` or standard output as it is produced.
    private func emit(_ body: (inout TextSink) -> Void) throws {
        try (output.map(OutputTarget.file) ?? .standardOutput).stream(escaping: false, body)
    }
}

/// Output formats of the graph view.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, svg, png, pdf, json

    var needsGraphviz: Bool { self == .svg || self == .png || self == .pdf }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct FlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flame",
        abstract: "A flame graph: one self-contained HTML page, a static SVG, or the tree as JSON.",
        discussion: """
            The HTML page has its data, script and styles inline and fetches \
            nothing (a Content-Security-Policy forbids it), so it opens offline \
            and can be attached to a ticket. Click a frame to zoom, the \
            breadcrumb to zoom out; hover for the value, % of total and % of \
            parent; search with a regular expression to see the matched share; \
            switch between the profile's sample types. The view is kept in the \
            URL hash (#type=alloc_space&zoom=12&search=regexp) for sharing.

            With --diff-base, frames are as wide as base + new and coloured red \
            (grew) or blue (shrank); changes under 0.1% of the total or 5% of \
            the frame stay grey, and frames in only one profile are striped.

            Identical stacks are merged and call paths under --min-fraction of \
            the total (default 0.001, in every sample type) are folded into their \
            callers: the benchmark's million-sample profile gives a 25 kB page.

            Examples:
              heapscope flame -o heap.html heap.pb.gz
              heapscope flame --diff-base before.pb.gz -o growth.html after.pb.gz
              heapscope flame --format svg --alloc-space -o alloc.svg heap.pb.gz
              heapscope flame --format json --focus 'main\\.' heap.pb.gz | jq '.root.children[0].name'
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: html, svg or json.")
    var format: FlameFormat = .html

    @Option(name: .customLong("min-fraction"), help: "Fold call paths narrower than this fraction of the total into their callers.")
    var minFraction: Double = FlameTree.defaultMinFraction

    @OptionGroup var output: OutputFile

    func validate() throws {
        guard minFraction.isFinite, minFraction >= 0, minFraction < 1 else {
            throw ValidationError("--min-fraction must be at least 0 and below 1")
        }
    }

    func run() throws {
        let tree = FlameTree(context: try input.context(defaultNodeCount: 0), minFraction: minFraction)
        let title =
            input.profiles.joined(separator: " ")
            + (input.diff.diffBase.isEmpty ? "" : " against " + input.diff.diffBase.joined(separator: " "))
            + (input.diff.base.isEmpty ? "" : " minus " + input.diff.base.joined(separator: " "))
        switch format {
        case .html: try output.stream { FlameHTMLRenderer.write(tree, title: title, to: &$0) }
        case .svg: try output.stream { FlameSVGRenderer.write(tree, title: title, to: &$0) }
        case .json: try output.stream { FlameJSONRenderer.write(tree, to: &$0) }
        }
    }
}

/// What `flame` writes.
enum FlameFormat: String, ExpressibleByArgument, CaseIterable {
    case html, svg, json
}

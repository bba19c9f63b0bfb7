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
    @OptionGroup var report: ReportFlags

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    func run() throws {
        var profile = try input.loadProfile()
        if input.profiles.count == 1 && !input.hasBase {
            // pprof merges a single input too, which sums identical samples.
            do {
                profile = try ProfileMerger.mergedSamples(of: profile)
            } catch {
                throw fail("\(input.profiles[0]): \(error)")
            }
        }
        let options = report.reportOptions(sampleIndex: input.sampleIndex(), defaultNodeCount: 0)
        let view = TracesView(context: try input.context(profile, options))
        format.write(TracesRenderer.text(view), json: TracesRenderer.json(view))
    }
}

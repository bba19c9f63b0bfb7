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
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var report: ReportFlags
    @OptionGroup var diff: DiffOptions
    @OptionGroup(title: "Filters") var filters: FilterFlags

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    @Argument(help: "Profile files (.pb.gz). Several are merged.")
    var profiles: [String]

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("give at least one profile") }
    }

    func run() throws {
        let decodeOptions = try profileOptions.decodeOptions()
        let profile = try diff.apply(to: try loadProfiles(profiles, options: decodeOptions), sources: profiles, decodeOptions: decodeOptions)
        let options = report.reportOptions(sampleIndex: profileOptions.selectedSampleIndex(), defaultNodeCount: 0)
        let view = TopView(context: try makeContext(profile, options, filter: try filters.makeFilter()))
        switch format {
        case .text: writeOutput(TopRenderer.text(view))
        case .json: writeOutput(TopRenderer.json(view).rendered())
        }
    }
}

import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What grew between two snapshots: a growth table, and a CI gate on growth.",
        discussion: """
            Compares BASE (the older snapshot) with NEW: the totals, the net change, \
            and one row per node with its base value, new value, signed delta and \
            change in percent (`new` or `gone` when it is on one side only), \
            largest growth first. Nodes are matched by function name (plus file and \
            line with --granularity lines), never by address. Rows whose |delta| is \
            below --node-fraction of the base total are dropped (0 keeps all).

            Growth is red and shrinkage green when standard output is a terminal \
            and NO_COLOR is not set.

            Gate: --max-growth limits the net growth of the total, --max-node-growth \
            the flat growth of every single node. A limit is a size (10MB, 512kB), \
            a plain number (bytes, or objects for *_objects), or a percentage of \
            the base total (25%). Each exceeded limit prints one line on standard \
            error.

            Exit status: 0 within all limits, 3 a limit exceeded, 1 error (bad \
            input, mismatched profiles, bad option value), 64 usage error.

            Examples:
              heapscope diff old.pb.gz new.pb.gz
              heapscope diff --cum --nodecount 10 old.pb.gz new.pb.gz
              heapscope diff --sample-index inuse_objects old.pb.gz new.pb.gz
              heapscope diff --max-growth 10MB --max-node-growth 2MB old.pb.gz new.pb.gz
              heapscope diff --max-growth 25% --format json old.pb.gz new.pb.gz
              heapscope diff before.pb.gz 'http://127.0.0.1:6060/debug/pprof/heap?gc=1'
            """)

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var report: ReportFlags
    @OptionGroup(title: "Filters") var filters: FilterFlags

    @Option(
        name: .customLong("max-growth"),
        help: ArgumentHelp(
            "Exit 3 if the total grew by more than this: a size (10MB), a count, or a percentage of the base total (25%).",
            valueName: "limit"))
    var maxGrowth: String?

    @Option(
        name: .customLong("max-node-growth"),
        help: ArgumentHelp(
            "Exit 3 if any node's flat value grew by more than this (same forms as --max-growth).",
            valueName: "limit"))
    var maxNodeGrowth: String?

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    @Argument(help: "The older snapshot (.pb.gz or http(s) URL).")
    var base: String

    @Argument(help: "The newer snapshot (.pb.gz or http(s) URL).")
    var new: String

    func validate() throws {
        for (text, flag) in [(maxGrowth, "--max-growth"), (maxNodeGrowth, "--max-node-growth")] {
            if let text, SizeLimit(text) == nil {
                throw ValidationError("\(flag) must be a size (10MB, 512kB), a number or a percentage (25%), not '\(text)'")
            }
        }
    }

    func run() throws {
        let loadOptions = try profileOptions.loadOptions(markTruncation: true)
        let baseProfile = try loadProfiles([base], options: loadOptions, forText: format == .text)
        let newProfile = try loadProfiles([new], options: loadOptions, forText: format == .text)
        try failing("\(new) against base \(base)") { try ProfileMerger.checkCompatible(newProfile, baseProfile) }
        let options = report.reportOptions(sampleIndex: profileOptions.selectedSampleIndex(), defaultNodeCount: 0)
        let filter = try filters.makeFilter()
        let view = try failing { try GrowthView(base: baseProfile, new: newProfile, options: options, filter: filter) }
        let budget = GrowthBudget(
            maxGrowth: try limit(maxGrowth, "--max-growth", view),
            maxNodeGrowth: try limit(maxNodeGrowth, "--max-node-growth", view))
        let breaches = budget.breaches(of: view)
        switch format {
        case .text:
            let color = Terminal.standardOutputWantsColor
            try streamOutput(escaping: !color) { GrowthRenderer.write(view, outputUnit: options.outputUnit, color: color, to: &$0) }
        case .json:
            try streamOutput(escaping: false) {
                GrowthRenderer.json(view, outputUnit: options.outputUnit, breaches: breaches).write(to: &$0)
            }
        }
        for breach in breaches {
            printError(GrowthRenderer.breachLine(breach, view: view, outputUnit: options.outputUnit))
        }
        if !breaches.isEmpty { throw ExitCode(3) }
    }

    /// Parses a limit; a size with a unit is refused for count columns.
    func limit(_ text: String?, _ flag: String, _ view: GrowthView) throws -> SizeLimit? {
        guard let text else { return nil }
        guard let limit = SizeLimit(text) else {
            throw ValidationError("\(flag) must be a size (10MB, 512kB), a number or a percentage (25%), not '\(text)'")
        }
        if case .absolute = limit, text.contains(where: \.isLetter),
            Measurement.scale(1, from: view.sampleUnit, to: "auto").unit != "B"
        {
            throw CLIError("\(flag) \(text) is a size, but \(view.sampleType) is not in bytes: give a plain number or a percentage")
        }
        return limit
    }
}

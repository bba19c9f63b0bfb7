import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// What every report reads and how it is shaped: the profile files, how to
/// decode them and which sample column (`ProfileOptions`), pruning, order,
/// unit and granularity (`ReportFlags`), an optional base to diff against
/// (`DiffOptions`) and the filters (`FilterFlags`). The report commands take
/// this one group and get their `ReportContext` from it.
struct ReportInput: ParsableArguments {
    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var report: ReportFlags
    @OptionGroup(title: "Diff") var diff: DiffOptions
    @OptionGroup(title: "Filters") var filters: FilterFlags

    @Argument(help: "Profile files (.pb.gz) or http(s) URLs (/debug/pprof/heap). Several are merged.")
    var profiles: [String]

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("give at least one profile") }
    }

    /// Decodes and merges the profiles, subtracts or compares the base, and
    /// builds the filtered report context (filter warnings go to stderr).
    /// - Parameters:
    ///   - defaultNodeCount: the command's `--nodecount` default (pprof: 0
    ///     for top, 80 for the graph views).
    ///   - sumIdenticalSamples: sum a single profile's identical samples, as
    ///     pprof's load-time merge does (only `traces` shows the difference).
    ///   - forText: escape control characters in the profiles' strings (text output).
    ///   - samples: what merging several profiles must keep of the samples:
    ///     `.sums` for the views that only sum them into graph nodes.
    ///   - adjust: a command's own changes to the options (list, peek).
    func context(
        defaultNodeCount: Int, sumIdenticalSamples: Bool = false, forText: Bool = false,
        samples: MergedSamples = .pprof, adjust: (inout ReportOptions) -> Void = { _ in }
    ) throws -> ReportContext {
        let loadOptions = try profileOptions.loadOptions()
        var profile = try diff.load(sources: profiles, loadOptions: loadOptions, samples: samples)
        if forText { profile = profile.escapingControlCharacters() }
        if sumIdenticalSamples && profiles.count == 1 && !diff.hasBase {
            try failing(profiles[0]) { try ProfileMerger.mergeIdenticalSamples(&profile) }
        }
        var options = report.reportOptions(sampleIndex: profileOptions.selectedSampleIndex(), defaultNodeCount: defaultNodeCount)
        adjust(&options)
        return try makeContext(profile, options, filter: try filters.makeFilter(), location: profiles.joined(separator: ", "))
    }
}

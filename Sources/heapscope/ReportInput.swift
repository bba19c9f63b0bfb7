import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// What every report reads: the profiles and sample column
/// (`ProfileOptions`), an optional base to diff against (`DiffOptions`) and
/// the filters (`FilterFlags`). The report commands take this one group.
struct ReportInput: ParsableArguments {
    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup(title: "Diff") var diff: DiffOptions
    @OptionGroup(title: "Filters") var filters: FilterFlags

    /// The selected sample column (nil: the profile's default).
    func sampleIndex() -> String? { profileOptions.selectedSampleIndex() }

    /// Decodes and merges `paths`, then subtracts or compares the base.
    func loadProfile(_ paths: [String]) throws -> Profile {
        let decodeOptions = try profileOptions.decodeOptions()
        return try diff.apply(to: try loadProfiles(paths, options: decodeOptions), sources: paths, decodeOptions: decodeOptions)
    }

    /// The filtered report context; filter warnings go to stderr.
    func context(_ profile: Profile, _ options: ReportOptions) throws -> ReportContext {
        try makeContext(profile, options, filter: try filters.makeFilter())
    }

    /// True when a base profile is given.
    var hasBase: Bool { diff.hasBase }
}

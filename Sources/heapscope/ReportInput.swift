import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// What every report reads: the profile files, how to decode them and
/// which sample column (`ProfileOptions`), an optional base to diff against
/// (`DiffOptions`) and the filters (`FilterFlags`). The report commands take
/// this one group.
struct ReportInput: ParsableArguments {
    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup(title: "Diff") var diff: DiffOptions
    @OptionGroup(title: "Filters") var filters: FilterFlags

    @Argument(help: "Profile files (.pb.gz). Several are merged.")
    var profiles: [String]

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("give at least one profile") }
    }

    /// The selected sample column (nil: the profile's default).
    func sampleIndex() -> String? { profileOptions.selectedSampleIndex() }

    /// Decodes and merges the profiles, then subtracts or compares the base.
    func loadProfile() throws -> Profile {
        let decodeOptions = try profileOptions.decodeOptions()
        return try diff.apply(to: try loadProfiles(profiles, options: decodeOptions), sources: profiles, decodeOptions: decodeOptions)
    }

    /// The filtered report context; filter warnings go to stderr.
    func context(_ profile: Profile, _ options: ReportOptions) throws -> ReportContext {
        try makeContext(profile, options, filter: try filters.makeFilter())
    }

    /// True when a base profile is given.
    var hasBase: Bool { diff.hasBase }
}

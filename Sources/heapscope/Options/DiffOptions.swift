import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// `--base`, `--diff-base` and `--normalize`: report the difference between
/// the given profiles and a base, as go tool pprof's `-base`, `-diff_base`
/// and `-normalize` do. Any graph view can take this group.
struct DiffOptions: ParsableArguments {
    @Option(name: .customLong("base"),
            help: ArgumentHelp("Subtract this profile (go tool pprof -base). Samples with the same stack cancel. Repeatable: bases merge.",
                               valueName: "profile"))
    var base: [String] = []

    @Option(name: .customLong("diff-base"),
            help: ArgumentHelp("Show the change from this profile (go tool pprof -diff_base); percentages are of its total. Repeatable: bases merge.",
                               valueName: "profile"))
    var diffBase: [String] = []

    @Flag(name: .customLong("normalize"),
          help: "Scale the profiles to the base's total per sample type before subtracting.")
    var normalize = false

    func validate() throws {
        if !base.isEmpty && !diffBase.isEmpty {
            throw ValidationError("--base and --diff-base cannot both be given")
        }
        if normalize && base.isEmpty && diffBase.isEmpty {
            throw ValidationError("--normalize needs a base profile (--base or --diff-base)")
        }
    }

    /// True when `--base` or `--diff-base` is given.
    var hasBase: Bool { !base.isEmpty || !diffBase.isEmpty }

    /// `source` minus the merged base profiles, or `source` itself when no
    /// base is given. `sources` names the source files in error messages.
    func apply(to source: Profile, sources: [String], loadOptions: LoadOptions) throws -> Profile {
        let mode: DiffMode = diffBase.isEmpty ? .subtract : .compare
        let paths = diffBase.isEmpty ? base : diffBase
        guard !paths.isEmpty else { return source }
        let baseProfile = try loadProfiles(paths, options: loadOptions)
        return try failing("\(sources.joined(separator: ", ")) against base \(paths.joined(separator: ", "))") {
            try ProfileDiff.combine(source: source, base: baseProfile, mode: mode, normalize: normalize)
        }
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// `--base`, `--diff-base` and `--normalize`: report the difference between
/// the given profiles and a base, as go tool pprof's `-base`, `-diff_base`
/// and `-normalize` do. Any graph view can take this group.
struct DiffOptions: ParsableArguments {
    @Option(
        name: .customLong("base"),
        help: ArgumentHelp(
            "Subtract this profile (go tool pprof -base). Samples with the same stack cancel. Repeatable: bases merge.",
            valueName: "profile"))
    var base: [String] = []

    @Option(
        name: .customLong("diff-base"),
        help: ArgumentHelp(
            "Show the change from this profile (go tool pprof -diff_base); percentages are of its total. Repeatable: bases merge.",
            valueName: "profile"))
    var diffBase: [String] = []

    @Flag(
        name: .customLong("normalize"),
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

    /// The merged `sources` minus the merged base profiles, or the merged
    /// sources when no base is given. Each file is decoded and merged in
    /// before the next is read, so only one input is in memory at a time
    /// (with `--normalize`, the sources and bases are merged on their own
    /// first, since scaling needs both totals).
    func load(sources: [String], loadOptions: LoadOptions, samples: MergedSamples = .pprof) throws -> Profile {
        let mode: DiffMode = diffBase.isEmpty ? .subtract : .compare
        let paths = diffBase.isEmpty ? base : diffBase
        guard !paths.isEmpty else { return try loadProfiles(sources, options: loadOptions, samples: samples) }
        let location = "\(sources.joined(separator: ", ")) against base \(paths.joined(separator: ", "))"
        if normalize {
            let source = try loadProfiles(sources, options: loadOptions, samples: samples)
            let baseProfile = try loadProfiles(paths, options: loadOptions, samples: samples)
            return try failing(location) {
                try ProfileDiff.combine(source: source, base: baseProfile, mode: mode, normalize: true)
            }
        }
        var accumulator = ProfileAccumulator(samples: samples)
        try accumulate(sources, into: &accumulator, options: loadOptions, location: sources.joined(separator: ", "))
        // The first base is checked against the sources; the others, like
        // merged sources, against the first (the same types by then).
        let transform = ProfileDiff.baseTransform(mode)
        try accumulate([paths[0]], into: &accumulator, options: loadOptions, as: transform, location: location)
        try accumulate(
            Array(paths.dropFirst()), into: &accumulator, options: loadOptions, as: transform,
            location: paths.joined(separator: ", "))
        return try failing(location) { try accumulator.finish() }
    }
}

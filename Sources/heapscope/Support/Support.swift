import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// Decodes every file or URL (naming it in any error) and merges them, one
/// at a time. `-` is standard input. `forText`: escape control characters in
/// the profile's strings, for the text reports. `samples`: what the merge
/// must keep of the samples (`.sums` for views that only sum them).
func loadProfiles(_ paths: [String], options: LoadOptions, forText: Bool = false, samples: MergedSamples = .pprof) throws -> Profile {
    var accumulator = ProfileAccumulator(samples: samples)
    try accumulate(paths, into: &accumulator, options: options, location: paths.joined(separator: ", "))
    let merged = try failing(paths.joined(separator: ", ")) { try accumulator.finish() }
    return forText ? merged.escapingControlCharacters() : merged
}

/// Decodes the files one at a time and adds each to `accumulator` (changed
/// by `transform`) before the next is read. `location` names the files in
/// an error about combining them.
func accumulate(
    _ paths: [String], into accumulator: inout ProfileAccumulator, options: LoadOptions,
    as transform: SampleTransform = .unchanged, location: String
) throws {
    for path in paths {
        let profile = try options.profile(at: path)
        // Handed over, not shared: a merge may change its arrays in place.
        do {
            try accumulator.add(consume profile, as: transform)
        } catch {
            throw CLIError("\(location): \(error)")
        }
    }
}

/// Builds a report context (applying the filter, if any, and printing its
/// warnings); an error names `location` (the files).
func makeContext(
    _ profile: Profile, _ options: ReportOptions, filter: ProfileFilter? = nil,
    location: String? = nil
) throws -> ReportContext {
    let context = try failing(location) { try ReportContext(profile: profile, options: options, filter: filter) }
    context.filterWarnings.forEach(printError)
    return context
}

/// Compiles a view's regular expression; a bad one is a usage error.
func compilePattern(_ pattern: String) throws -> NamePattern {
    do {
        return try NamePattern(pattern)
    } catch {
        throw ValidationError("\(error)")
    }
}

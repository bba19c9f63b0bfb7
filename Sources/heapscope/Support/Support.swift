import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// Decodes every file (naming the file in any error) and merges them, one
/// at a time. `-` is standard input. `forText`: escape control characters in
/// the profile's strings, for the text reports.
func loadProfiles(_ paths: [String], options: DecodeOptions, forText: Bool = false) throws -> Profile {
    var accumulator = ProfileAccumulator()
    try accumulate(paths, into: &accumulator, options: options, location: paths.joined(separator: ", "))
    let merged = try failing(paths.joined(separator: ", ")) { try accumulator.finish() }
    return forText ? merged.escapingControlCharacters() : merged
}

/// Decodes the files one at a time and adds each to `accumulator` (changed
/// by `transform`) before the next is read. `location` names the files in
/// an error about combining them.
func accumulate(_ paths: [String], into accumulator: inout ProfileAccumulator, options: DecodeOptions,
                as transform: SampleTransform = .unchanged, location: String) throws {
    for path in paths {
        let profile = try failing(path) {
            path == "-" ? try ProfileDecoder.decode(fileDescriptor: STDIN_FILENO, options: options)
                        : try ProfileDecoder.decode(contentsOf: path, options: options)
        }
        try failing(location) { try accumulator.add(profile, as: transform) }
    }
}

/// Builds a report context (applying the filter, if any, and printing its
/// warnings); an error names `location` (the files).
func makeContext(_ profile: Profile, _ options: ReportOptions, filter: ProfileFilter? = nil,
                 location: String? = nil) throws -> ReportContext {
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

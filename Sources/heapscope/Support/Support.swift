import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// Decodes every file (naming the file in any error) and merges them. `-`
/// is standard input. `forText`: escape control characters in the profile's
/// strings, for the text reports.
func loadProfiles(_ paths: [String], options: DecodeOptions, forText: Bool = false) throws -> Profile {
    var profiles: [Profile] = []
    for path in paths {
        profiles.append(try failing(path) {
            path == "-" ? try ProfileDecoder.decode(fileDescriptor: STDIN_FILENO, options: options)
                        : try ProfileDecoder.decode(contentsOf: path, options: options)
        })
    }
    let merged = try failing(paths.joined(separator: ", ")) { try ProfileMerger.merge(profiles) }
    return forText ? merged.escapingControlCharacters() : merged
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

import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes text to standard output as it is.
func writeOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Reports a failure as `heapscope: error: …` and exits with status 1.
func fail(_ message: String) -> ExitCode {
    printError("heapscope: error: " + message)
    return ExitCode.failure
}

/// Runs `body`; an error it throws becomes the `heapscope: error:` line
/// (after `location`, e.g. a file name) and exit status 1. An exit status
/// already decided passes through.
func failing<T>(_ location: String? = nil, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw fail(location.map { "\($0): \(error)" } ?? "\(error)")
    }
}

/// Decodes every file or URL (naming it in any error) and merges them.
func loadProfiles(_ paths: [String], options: LoadOptions) throws -> Profile {
    var profiles: [Profile] = []
    for path in paths {
        profiles.append(try options.profile(at: path))
    }
    return try failing(paths.joined(separator: ", ")) { try ProfileMerger.merge(profiles) }
}

/// Builds a report context (applying the filter, if any, and printing its
/// warnings), turning option errors into the error line.
func makeContext(_ profile: Profile, _ options: ReportOptions, filter: ProfileFilter? = nil) throws -> ReportContext {
    let context = try failing { try ReportContext(profile: profile, options: options, filter: filter) }
    context.filterWarnings.forEach(printError)
    return context
}

/// Compiles a view's regular expression, turning a bad one into the error line.
func compilePattern(_ pattern: String) throws -> NamePattern {
    try failing { try NamePattern(pattern) }
}

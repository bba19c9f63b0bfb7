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

/// Decodes every file (naming the file in any error) and merges them.
func loadProfiles(_ paths: [String], options: DecodeOptions) throws -> Profile {
    var profiles: [Profile] = []
    for path in paths {
        do {
            profiles.append(try ProfileDecoder.decode(contentsOf: path, options: options))
        } catch {
            throw fail("\(path): \(error)")
        }
    }
    do {
        return try ProfileMerger.merge(profiles)
    } catch {
        throw fail("\(paths.joined(separator: ", ")): \(error)")
    }
}

/// Builds a report context (applying the filter, if any, and printing its
/// warnings), turning option errors into the error line.
func makeContext(_ profile: Profile, _ options: ReportOptions, filter: ProfileFilter? = nil) throws -> ReportContext {
    do {
        let context = try ReportContext(profile: profile, options: options, filter: filter)
        context.filterWarnings.forEach(printError)
        return context
    } catch {
        throw fail("\(error)")
    }
}

/// Compiles a view's regular expression, turning a bad one into the error line.
func compilePattern(_ pattern: String) throws -> NamePattern {
    do {
        return try NamePattern(pattern)
    } catch {
        throw fail("\(error)")
    }
}

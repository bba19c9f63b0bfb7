import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// Reads the snapshots of a series: decodes the files and builds each one's
/// report context in parallel, at most one file at a time per core.
struct SnapshotLoader: Sendable {
    var load: LoadOptions
    var options: ReportOptions
    var filter: ProfileFilter?

    /// What came of reading a series.
    struct Loaded {
        var snapshots: [TrendSnapshot] = []
        /// Files that could not be read or decoded, with the error.
        var skipped: [TrendView.SkippedSnapshot] = []
        /// The filter's warnings, each once.
        var warnings: [String] = []
    }

    /// What became of one file: it could not be read or decoded (skipped
    /// unless strict), or its context was built or failed to be (an error).
    enum Outcome: Sendable {
        case unreadable(any Error)
        case read(Result<ReportContext, AnalysisError>)
    }

    /// Decodes `files`. A file that cannot be read or decoded is skipped
    /// (listed in `skipped`), or, when `strict`, the error line and exit 1.
    /// An option that does not fit a snapshot is always an error.
    func load(_ files: [String], strict: Bool) throws -> Loaded {
        let outcomes = files.parallelMap { file -> Outcome in
            do {
                let profile = try load.read(file)
                return .read(
                    Result { () throws(AnalysisError) -> ReportContext in
                        try ReportContext(profile: profile, options: options, filter: filter)
                    })
            } catch {
                return .unreadable(error)
            }
        }
        var loaded = Loaded()
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .unreadable(let error):
                if strict { throw CLIError("\(file): \(error)") }
                loaded.skipped.append(TrendView.SkippedSnapshot(file: file, error: "\(error)"))
            case .read(let result):
                let context = try failing(file) { try result.get() }
                loaded.warnings += context.filterWarnings.filter { !loaded.warnings.contains($0) }
                loaded.snapshots.append(TrendSnapshot(file: file, context: context))
            }
        }
        return loaded
    }
}

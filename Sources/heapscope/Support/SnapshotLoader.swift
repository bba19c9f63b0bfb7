import Dispatch
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// Reads the snapshots of a series: decodes the files in parallel (at most
/// one at a time per core), then builds each one's report context.
struct SnapshotLoader {
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

    /// Decodes `files`. A file that cannot be read or decoded is skipped
    /// (listed in `skipped`), or, when `strict`, the error line and exit 1.
    /// An option that does not fit a snapshot is always an error.
    func load(_ files: [String], strict: Bool) throws -> Loaded {
        let decoded = Self.decodeAll(files, options: load)
        var loaded = Loaded()
        for (file, result) in zip(files, decoded) {
            let profile: Profile
            switch result {
            case .success(let value): profile = value
            case .failure(let error):
                if strict { throw CLIError("\(file): \(error)") }
                loaded.skipped.append(TrendView.SkippedSnapshot(file: file, error: "\(error)"))
                continue
            }
            let context = try failing(file) { try ReportContext(profile: profile, options: options, filter: filter) }
            loaded.warnings += context.filterWarnings.filter { !loaded.warnings.contains($0) }
            loaded.snapshots.append(TrendSnapshot(file: file, context: context))
        }
        return loaded
    }

    /// Decodes every file (or downloads every URL), in parallel, results in file order.
    static func decodeAll(_ files: [String], options: LoadOptions) -> [Result<Profile, any Error>] {
        let results = ResultSlots(count: files.count)
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: files.count, by: workers) {
                let path = files[index]
                results.set(index, Result { try options.read(path) })
            }
        }
        return results.values
    }
}

/// Result slots filled from several threads.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<Profile, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Profile, any Error>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result<Profile, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(ProfileError.notAProfile("not decoded")) }
    }
}

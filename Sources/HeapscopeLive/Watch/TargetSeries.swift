import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// What one capture of a target showed.
package struct CaptureReport: Sendable {
    package var time: Date
    package var path: String
    package var total: Int64
    /// The change since the previous capture (nil for the first).
    package var change: Int64?
    package var sampleUnit: String
    /// The growing nodes, as `trend` judges the series so far.
    package var suspects: [TrendNode]
    /// True when the set of suspect names differs from the last capture's.
    package var suspectsChanged: Bool
    /// True when the samples equal the previous capture's (no GC in between).
    package var identical: Bool
}

/// One watched URL: its snapshot directory (a restart continues the series
/// already there), the newest snapshots in memory, its counters and the
/// current verdict.
package final class TargetSeries: @unchecked Sendable {
    package let request: FetchRequest
    /// The directory name, e.g. `127.0.0.1_6060`.
    package let name: String
    package let directory: String
    private let analysis: WatchAnalysis
    private let keep: Int?
    /// Snapshot files on disk, oldest first (their names sort by time).
    package private(set) var files: [String] = []
    private var snapshots: [TrendSnapshot] = []
    private var lastProfile: Profile?
    package private(set) var captures = 0
    package private(set) var failures = 0
    package private(set) var lastCaptureTime: Date?
    package private(set) var lastTotal: Int64?
    package private(set) var sampleUnit = "bytes"
    package private(set) var sampleType = "inuse_space"
    package private(set) var view: TrendView?
    package private(set) var suspects: [TrendNode] = []
    /// Files already in the directory that could not be read (name, reason).
    package private(set) var unreadable: [(file: String, reason: String)] = []

    /// Opens (creating) `root/name` and reads the newest snapshots in it.
    package init(
        request: FetchRequest, root: String, name: String, analysis: WatchAnalysis,
        keep: Int?, decode: DecodeOptions
    ) throws {
        self.request = request
        self.name = name
        self.directory = (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/" + name
        self.analysis = analysis
        self.keep = keep
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".pb.gz") && !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
        for file in files.suffix(analysis.window) {
            do {
                let profile = try ProfileDecoder.decode(contentsOf: file, options: decode)
                try append(TrendSnapshot(file: file, context: analysis.context(of: profile)), profile: profile)
            } catch {
                unreadable.append((file, "\(error)"))
            }
        }
        files.removeAll { file in unreadable.contains { $0.file == file } }
        try prune()
        try judge()
    }

    /// Snapshots restored from the directory at start.
    package var restored: Int { snapshots.count }

    /// Adds a saved capture to the series and judges it again.
    package func record(_ saved: SavedSnapshot) throws -> CaptureReport {
        let context = try analysis.context(of: saved.profile)
        let previousTotal = lastTotal
        let identical = lastProfile.map { Self.sameSamples($0, saved.profile) } ?? false
        let before = Set(suspects.map(\.name))
        files.append(saved.path)
        try append(TrendSnapshot(file: saved.path, context: context), profile: saved.profile)
        captures += 1
        lastCaptureTime = saved.time
        try prune()
        try judge()
        return CaptureReport(
            time: saved.time, path: saved.path, total: context.total,
            change: previousTotal.map { context.total &- $0 }, sampleUnit: context.sampleUnit,
            suspects: suspects, suspectsChanged: Set(suspects.map(\.name)) != before, identical: identical)
    }

    /// Counts a failed capture; the series is unchanged.
    package func recordFailure() { failures += 1 }

    /// The gate's breaches of the current series (none while too short).
    package func breaches() throws -> [TrendBreach] {
        guard let view else { return [] }
        return try analysis.breaches(of: view)
    }

    private func append(_ snapshot: TrendSnapshot, profile: Profile) throws {
        snapshots.append(snapshot)
        if snapshots.count > analysis.window { snapshots.removeFirst(snapshots.count - analysis.window) }
        lastProfile = profile
        if profile.timeNanos > 0 { lastCaptureTime = Date(timeIntervalSince1970: TimeInterval(profile.timeNanos) / 1e9) }
        lastTotal = snapshot.context.total
        sampleUnit = snapshot.context.sampleUnit
        sampleType = snapshot.context.sampleType
    }

    /// Deletes the oldest snapshots beyond `--keep`.
    private func prune() throws {
        guard let keep, files.count > keep else { return }
        let old = files.prefix(files.count - keep)
        for file in old { try FileManager.default.removeItem(atPath: file) }
        files.removeFirst(old.count)
        snapshots.removeAll { snapshot in old.contains(snapshot.file) }
    }

    private func judge() throws {
        view = try analysis.view(of: snapshots)
        suspects = view?.suspects ?? []
    }

    /// True when two profiles hold the same samples (the heap was not
    /// re-profiled: no GC ran between the two captures).
    static func sameSamples(_ a: Profile, _ b: Profile) -> Bool {
        a.sampleValues == b.sampleValues && a.sampleLocations == b.sampleLocations && a.locations.count == b.locations.count
    }
}

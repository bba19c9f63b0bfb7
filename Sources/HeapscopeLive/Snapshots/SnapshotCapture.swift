import Foundation
import HeapscopeProfile

/// One profile downloaded and saved: where it went and what it holds.
package struct SavedSnapshot: @unchecked Sendable {
    package let path: String
    package let time: Date
    package let profile: Profile
    /// The bytes as saved (for telling identical captures apart).
    package let body: [UInt8]
}

/// Downloads a profile and saves it under its `SnapshotName` (or a given
/// path), atomically.
package enum SnapshotCapture {
    package enum Destination {
        /// A directory: the file is named by `SnapshotName`.
        case directory(String)
        /// This exact file.
        case file(String)
    }

    /// Downloads, validates (a profile that does not decode is not saved)
    /// and saves one snapshot. `download` is the handle to cancel it with.
    package static func capture(
        _ download: ProfileDownload, request: FetchRequest,
        to destination: Destination, now: Date = Date()
    ) throws -> SavedSnapshot {
        let fetched = try download.run()
        let recorded =
            fetched.profile.timeNanos > 0
            ? Date(timeIntervalSince1970: TimeInterval(fetched.profile.timeNanos) / 1e9) : now
        let path: String
        switch destination {
        case .directory(let directory):
            path = SnapshotWriter.freePath(in: directory, name: SnapshotName.fileName(url: request.url, time: recorded))
        case .file(let file):
            path = file
        }
        try SnapshotWriter.write(fetched.body, to: path)
        return SavedSnapshot(path: path, time: recorded, profile: fetched.profile, body: fetched.body)
    }
}

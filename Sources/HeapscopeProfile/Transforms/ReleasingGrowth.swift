import Foundation

extension Array where Element: BitwiseCopyable {
    /// Appends `extra` elements that `fill` writes (it must initialise all
    /// of them) without holding the old and the new storage in memory at
    /// once: when the array has to move, its elements are copied into the
    /// new storage a chunk at a time and each copied chunk's pages are given
    /// back to the system. A merge appends a small profile's samples to a
    /// large one's arrays this way, so growing them costs the new elements,
    /// not a second copy of the large profile.
    package mutating func appendReleasingOldStorage(
        count extra: Int, _ fill: (UnsafeMutableBufferPointer<Element>) -> Void
    ) {
        let oldCount = count
        // Taken out of `self`, so this is its only reference (a shared
        // buffer is copied by `withUnsafeMutableBufferPointer` first, and
        // only that copy is released).
        var old = self
        self = []
        self = Array(unsafeUninitializedCapacity: oldCount + extra) { buffer, initialized in
            old.withUnsafeMutableBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
                var done = 0
                while done < oldCount {
                    let chunk = Swift.min(releaseChunk, oldCount - done)
                    (to + done).initialize(from: from + done, count: chunk)
                    PageRelease.release(UnsafeMutableRawPointer(from + done), byteCount: chunk * MemoryLayout<Element>.stride)
                    done += chunk
                }
            }
            fill(UnsafeMutableBufferPointer(rebasing: buffer[oldCount...]))
            initialized = oldCount + extra
        }
    }

    /// Elements per copied chunk: 4 MiB of them.
    private var releaseChunk: Int { Swift.max(1, (4 << 20) / Swift.max(1, MemoryLayout<Element>.stride)) }
}

/// Gives whole pages of memory that will never be read again back to the
/// system (the pages read as zeros if they are).
package enum PageRelease {
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Releases the whole pages inside `byteCount` bytes at `start`.
    package static func release(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        let page = pageSize
        let address = Int(bitPattern: start)
        let first = (address + page - 1) / page * page
        let end = (address + byteCount) / page * page
        guard end > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        madvise(pointer, end - first, MADV_DONTNEED)
    }
}

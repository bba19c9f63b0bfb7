import Foundation

/// The decompressed profile while it is inflated on one thread and decoded
/// on another: one anonymous mapping reserved for the whole size cap, so it
/// never moves while the decoder reads it (only the pages written become
/// memory). Bytes the sample pass has decoded are given back to the system
/// with `release`, so the inflated profile and the sample arrays built from
/// it are not both in memory at their full size.
final class InflatedBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    /// The bytes reserved: the cap plus one, so a stream passing the cap is
    /// seen.
    let capacity: Int
    /// Bytes written so far: changed only by the inflating thread, read by
    /// others through the hand-over's lock.
    var count = 0

    /// Reserves `limit + 1` bytes; nil when the system refuses the
    /// reservation (the decoder then reads the input before decoding it).
    init?(limit: Int) {
        guard limit < Int.max / 2 else { return nil }
        let size = limit + 1
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let address, address != MAP_FAILED else { return nil }
        base = address.assumingMemoryBound(to: UInt8.self)
        capacity = size
    }

    deinit { munmap(base, capacity) }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Gives the whole pages inside `range` back to the system: they are
    /// never read again.
    func release(_ range: Range<Int>) {
        PageRelease.release(base + range.lowerBound, byteCount: range.count)
    }
}

import Foundation

/// Limits that keep decoding bounded on hostile input, and how many threads
/// decoding may use.
public struct DecodeOptions: Sendable {
    /// The largest decompressed size accepted, in bytes. A gzip bomb fails
    /// with `ProfileError.decompressedSizeLimit` once its output passes this.
    /// Default: 1 GiB.
    public var maxDecompressedBytes: Int

    /// At most this many threads decode the samples at once. Profiles under
    /// 65,536 samples are decoded on the calling thread whatever this says.
    /// Must be at least 1 (else decoding throws `ProfileError.invalidOptions`).
    /// Default: `DecodeOptions.defaultMaxConcurrency`.
    public var maxConcurrency: Int

    /// The active processor count, at most 4.
    public static var defaultMaxConcurrency: Int { min(4, ProcessInfo.processInfo.activeProcessorCount) }

    /// Default limits.
    public init(maxDecompressedBytes: Int = 1 << 30, maxConcurrency: Int = DecodeOptions.defaultMaxConcurrency) {
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxConcurrency = maxConcurrency
    }
}

/// Limits that keep decoding bounded on hostile input.
public struct DecodeOptions: Sendable {
    /// The largest decompressed size accepted, in bytes. A gzip bomb fails
    /// with `ProfileError.decompressedSizeLimit` once its output passes this.
    /// Default: 1 GiB.
    public var maxDecompressedBytes: Int

    /// Default limits.
    public init(maxDecompressedBytes: Int = 1 << 30) {
        self.maxDecompressedBytes = maxDecompressedBytes
    }
}

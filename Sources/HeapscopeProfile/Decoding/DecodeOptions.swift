/// Limits that keep decoding bounded on hostile input.
public struct DecodeOptions: Sendable {
    /// The largest decompressed size accepted, in bytes. A gzip bomb fails
    /// with `ProfileError.decompressedSizeLimit` once its output passes this.
    /// Default: 1 GiB.
    public var maxDecompressedBytes: Int

    /// Whether legacy text profiles' `#` frame comments name the frames
    /// (true), or only addresses are kept, as `go tool pprof` shows them
    /// without the binary (false).
    public var frameComments: Bool

    /// Whether stacks cut at the runtime's depth limit get a
    /// `(truncated)` root frame (see `Profile.markingTruncatedStacks()`).
    public var truncationMarker: Bool

    /// Default limits.
    public init(maxDecompressedBytes: Int = 1 << 30, frameComments: Bool = true, truncationMarker: Bool = false) {
        self.maxDecompressedBytes = maxDecompressedBytes
        self.frameComments = frameComments
        self.truncationMarker = truncationMarker
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// How profiles are read: the cap on what is read from any input.
struct DecodeFlags: ParsableArguments {
    @Option(
        name: .customLong("max-decompressed-size"),
        help: "Read at most this much from any input, after decompression (e.g. 512MB, 2GB).")
    var maxDecompressedSize: String = "1GB"

    @Flag(
        name: .customLong("no-frame-comments"),
        help: "Ignore the `#` frame comments of legacy text profiles and show addresses, as go tool pprof does without the binary.")
    var noFrameComments = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "Mark stacks the runtime cut at its depth limit with a `(truncated)` root frame. Default: on for diff and trend, off for the views that match go tool pprof."
    )
    var truncationMarker: Bool?

    func validate() throws {
        _ = try decodeOptions()
    }

    /// The decode options; `markTruncation` is the truncation marker's
    /// default for the command.
    func decodeOptions(markTruncation: Bool = false) throws -> DecodeOptions {
        guard let limit = SizeLimit.parseSize(maxDecompressedSize), limit > 0 else {
            throw ValidationError("--max-decompressed-size must be a size such as 512MB or 2GB, not '\(maxDecompressedSize)'")
        }
        return DecodeOptions(
            maxDecompressedBytes: Int(clamping: limit), frameComments: !noFrameComments,
            truncationMarker: truncationMarker ?? markTruncation)
    }
}

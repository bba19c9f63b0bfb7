import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// How profiles are read: the cap on what is read from any input.
struct DecodeFlags: ParsableArguments {
    @Option(name: .customLong("max-decompressed-size"),
            help: "Read at most this much from any input, after decompression (e.g. 512MB, 2GB).")
    var maxDecompressedSize: String = "1GB"

    func validate() throws {
        _ = try decodeOptions()
    }

    func decodeOptions() throws -> DecodeOptions {
        guard let limit = SizeLimit.parseSize(maxDecompressedSize), limit > 0 else {
            throw ValidationError("--max-decompressed-size must be a size such as 512MB or 2GB, not '\(maxDecompressedSize)'")
        }
        return DecodeOptions(maxDecompressedBytes: Int(clamping: limit))
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// How profiles are read: the limits that keep decoding bounded.
struct DecodeFlags: ParsableArguments {
    @Option(name: .customLong("max-decompressed-size"),
            help: "Refuse profiles that decompress to more than this (e.g. 512MB, 2GB).")
    var maxDecompressedSize: String = "1GB"

    func decodeOptions() throws -> DecodeOptions {
        guard let limit = SizeLimit.parseSize(maxDecompressedSize), limit > 0 else {
            throw ValidationError("--max-decompressed-size must be a size such as 512MB or 2GB, not '\(maxDecompressedSize)'")
        }
        return DecodeOptions(maxDecompressedBytes: Int(clamping: limit))
    }
}

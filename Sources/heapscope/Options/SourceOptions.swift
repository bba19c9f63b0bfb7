import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// How profiles are read, whatever is done with them: the decompression
/// cap (files and downloads alike) and how URLs are downloaded.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("max-decompressed-size"),
            help: "Refuse profiles that decompress to more than this (e.g. 512MB, 2GB).")
    var maxDecompressedSize: String = "1GB"

    @OptionGroup(title: "Profiles over HTTP") var remote: RemoteOptions

    func decodeOptions() throws -> DecodeOptions {
        guard let limit = SizeLimit.parseSize(maxDecompressedSize), limit > 0 else {
            throw ValidationError("--max-decompressed-size must be a size such as 512MB or 2GB, not '\(maxDecompressedSize)'")
        }
        return DecodeOptions(maxDecompressedBytes: Int(clamping: limit))
    }

    /// How to read each profile argument, file or URL.
    func loadOptions() throws -> LoadOptions {
        LoadOptions(decode: try decodeOptions(), remote: remote)
    }
}

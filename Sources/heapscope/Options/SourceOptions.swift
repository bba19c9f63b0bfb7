import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile

/// How profiles are read, whatever is done with them: the decode flags
/// (the cap, for files and downloads alike) and how URLs are downloaded.
struct SourceOptions: ParsableArguments {
    @OptionGroup var decode: DecodeFlags
    @OptionGroup(title: "Profiles over HTTP") var remote: RemoteOptions

    /// The decode options; `markTruncation` is the truncation marker's
    /// default for the command.
    func decodeOptions(markTruncation: Bool = false) throws -> DecodeOptions {
        try decode.decodeOptions(markTruncation: markTruncation)
    }

    /// How to read each profile argument: a file, `-` or a URL.
    func loadOptions(markTruncation: Bool = false) throws -> LoadOptions {
        LoadOptions(decode: try decodeOptions(markTruncation: markTruncation), remote: remote)
    }
}

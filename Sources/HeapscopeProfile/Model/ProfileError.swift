/// Why a profile could not be read. Each case says what is wrong and, where it
/// applies, where: a byte offset into the decompressed protobuf, the message
/// being decoded, or the id of the offending record.
public enum ProfileError: Error, Equatable, Sendable {
    /// The input has no bytes at all.
    case emptyInput
    /// The input could not be opened or read; the text is the system's
    /// reason ("no such file or directory").
    case unreadable(String)
    /// The input is neither gzip nor protobuf (for example a text file).
    case notAProfile(String)
    /// The gzip stream is corrupt or cut short; the text is zlib's reason.
    case decompression(String)
    /// Decompressing would exceed `DecodeOptions.maxDecompressedBytes`.
    case decompressedSizeLimit(Int)
    /// The protobuf wire format is broken at `offset` while decoding `message`.
    case malformed(offset: Int, message: String, reason: String)
    /// The bytes decode, but the profile breaks one of profile.proto's rules.
    case invalid(String)
    /// Two profiles were given that cannot be combined.
    case incompatible(String)
    /// `DecodeOptions` no decode can honour, such as `maxConcurrency` 0.
    case invalidOptions(String)
}

extension ProfileError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptyInput:
            return "empty input file"
        case .unreadable(let why):
            return "cannot read: \(why)"
        case .notAProfile(let why):
            return "not a pprof profile: \(why)"
        case .decompression(let why):
            return "decompressing profile: \(why)"
        case .decompressedSizeLimit(let limit):
            return "decompressed profile is larger than the limit of \(limit) bytes (raise it with --max-decompressed-size)"
        case .malformed(let offset, let message, let reason):
            return "parsing profile: \(reason) in \(message) at byte \(offset)"
        case .invalid(let why):
            return "malformed profile: \(why)"
        case .incompatible(let why):
            return why
        case .invalidOptions(let why):
            return "decode options: \(why)"
        }
    }
}

import Foundation

/// Decodes pprof profiles (`profile.proto`, gzipped or raw) into `Profile`.
public enum ProfileDecoder {
    /// Reads and decodes the profile at `path`.
    public static func decode(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        var bytes = try readFile(path)
        guard !bytes.isEmpty else { throw .emptyInput }
        if Gzip.isGzip(bytes) {
            let raw = try Gzip.inflate(bytes, limit: options.maxDecompressedBytes)
            bytes = []  // release the compressed input before decoding
            guard !raw.isEmpty else { throw .emptyInput }
            return try decodeProtobuf(raw)
        }
        return try decodeUncompressed(bytes, options: options)
    }

    /// Decodes a profile from bytes: gzip is inflated first (bounded by
    /// `options.maxDecompressedBytes`), anything else is read as raw protobuf.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        guard !bytes.isEmpty else { throw .emptyInput }
        if Gzip.isGzip(bytes) {
            let raw = try Gzip.inflate(bytes, limit: options.maxDecompressedBytes)
            guard !raw.isEmpty else { throw .emptyInput }
            return try decodeProtobuf(raw)
        }
        return try decodeUncompressed(bytes, options: options)
    }

    private static func decodeUncompressed(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        guard bytes.count <= options.maxDecompressedBytes else {
            throw .decompressedSizeLimit(options.maxDecompressedBytes)
        }
        do {
            return try decodeProtobuf(bytes)
        } catch {
            if case .malformed = error, looksLikeText(bytes) {
                if bytes.starts(with: Array("heap profile:".utf8)) {
                    throw .notAProfile("this is the legacy text format (?debug=1); fetch /debug/pprof/heap without debug=1 for the protobuf format")
                }
                throw .notAProfile("the file is text, neither gzip nor protobuf")
            }
            throw error
        }
    }

    /// Decodes uncompressed protobuf bytes and validates the result.
    public static func decodeProtobuf(_ bytes: [UInt8]) throws(ProfileError) -> Profile {
        try decodeProtobuf(bytes, partitions: nil)
    }

    /// `partitions` forces how many parts pass 2 is split into (tests).
    static func decodeProtobuf(_ bytes: [UInt8], partitions: Int?) throws(ProfileError) -> Profile {
        var builder = ProfileBuilder()
        var failure: ProfileError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ProfileError) {
                try builder.decodeTopLevel(buffer)
                try builder.resolveReferences()
                try builder.decodeSamples(buffer, partitions: partitions)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        var profile = builder.profile
        try ProfileValidator.validate(&profile)
        return profile
    }

    /// True when the first bytes are printable text: such input is reported
    /// as "not a profile" instead of as a protobuf decoding error.
    package static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        let prefix = bytes.prefix(512)
        return prefix.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
    }
}

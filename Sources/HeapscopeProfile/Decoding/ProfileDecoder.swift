import Foundation

/// Decodes pprof profiles (`profile.proto`, gzipped or raw) into `Profile`.
public enum ProfileDecoder {
    /// Reads and decodes the profile at `path` (a file, device or FIFO),
    /// never reading more than `options.maxDecompressedBytes` from it.
    public static func decode(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
        return try decode(try readFile(path, limit: options.maxDecompressedBytes), options: options)
    }

    /// Reads and decodes a profile from an open file descriptor (standard
    /// input is 0), capped like `decode(contentsOf:)`. The descriptor stays open.
    public static func decode(fileDescriptor: Int32, options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
        return try decode(try readCapped(fileDescriptor, limit: options.maxDecompressedBytes), options: options)
    }

    private static func decode(_ input: Input, options: DecodeOptions) throws(ProfileError) -> Profile {
        guard !input.bytes.isEmpty else { throw .emptyInput }
        if input.wasGzip { return try decodeProtobuf(input.bytes, maxConcurrency: options.maxConcurrency, partitions: nil) }
        return try decodeUncompressed(input.bytes, options: options)
    }

    /// Decodes a profile from bytes: gzip is inflated first (bounded by
    /// `options.maxDecompressedBytes`), anything else is read as raw protobuf.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
        guard !bytes.isEmpty else { throw .emptyInput }
        if Gzip.isGzip(bytes) {
            let raw = try Gzip.inflate(bytes, limit: options.maxDecompressedBytes)
            guard !raw.isEmpty else { throw .emptyInput }
            return try decodeProtobuf(raw, maxConcurrency: options.maxConcurrency, partitions: nil)
        }
        return try decodeUncompressed(bytes, options: options)
    }

    private static func decodeUncompressed(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        guard bytes.count <= options.maxDecompressedBytes else {
            throw .decompressedSizeLimit(options.maxDecompressedBytes)
        }
        do {
            return try decodeProtobuf(bytes, maxConcurrency: options.maxConcurrency, partitions: nil)
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
    public static func decodeProtobuf(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
        return try decodeProtobuf(bytes, maxConcurrency: options.maxConcurrency, partitions: nil)
    }

    /// Rejects options no decode can honour.
    static func checkOptions(_ options: DecodeOptions) throws(ProfileError) {
        guard options.maxConcurrency >= 1 else {
            throw .invalidOptions("maxConcurrency must be at least 1, not \(options.maxConcurrency)")
        }
        guard options.maxDecompressedBytes >= 0 else {
            throw .invalidOptions("maxDecompressedBytes must not be negative, not \(options.maxDecompressedBytes)")
        }
    }

    /// `partitions` forces how many parts pass 2 is split into (tests).
    static func decodeProtobuf(_ bytes: [UInt8], maxConcurrency: Int = 1, partitions: Int?) throws(ProfileError) -> Profile {
        var builder = ProfileBuilder()
        var failure: ProfileError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ProfileError) {
                try builder.decodeTopLevel(buffer)
                try builder.resolveReferences()
                try builder.decodeSamples(buffer, maxConcurrency: maxConcurrency, partitions: partitions)
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
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        let prefix = bytes.prefix(512)
        return prefix.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
    }
}

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
            return try decodeContent(raw, options: options)
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
            return try decodeContent(raw, options: options)
        }
        return try decodeUncompressed(bytes, options: options)
    }

    private static func decodeUncompressed(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        guard bytes.count <= options.maxDecompressedBytes else {
            throw .decompressedSizeLimit(options.maxDecompressedBytes)
        }
        return try decodeContent(bytes, options: options)
    }

    /// The one dispatch point: decodes decompressed bytes in the format
    /// `ProfileFormat.sniff` recognises, then applies pprof's name rules.
    static func decodeContent(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        var profile = try decodeFormat(bytes, options: options)
        FunctionNameSimplifier.apply(to: &profile)
        return options.truncationMarker ? profile.markingTruncatedStacks() : profile
    }

    private static func decodeFormat(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        switch ProfileFormat.sniff(bytes) {
        case .protobuf:
            return try decodeJudgingTruncation(bytes)
        case .heapText:
            return try HeapTextParser.parse(bytes, useComments: options.frameComments)
        case .contentionText:
            return try ContentionTextParser.parse(bytes, useComments: options.frameComments)
        case .legacyCPU(let layout):
            return try LegacyCPUParser.parse(bytes, layout: layout)
        case .unsupported(let what):
            // Text-looking bytes can still be protobuf; say what they look
            // like only when they do not decode.
            do {
                return try decodeJudgingTruncation(bytes)
            } catch {
                if case .malformed = error { throw .notAProfile(what) }
                throw error
            }
        }
    }

    private static func decodeJudgingTruncation(_ bytes: [UInt8]) throws(ProfileError) -> Profile {
        var profile = try decodeProtobuf(bytes)
        profile.truncation = StackTruncation.detect(in: profile)
        return profile
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
}

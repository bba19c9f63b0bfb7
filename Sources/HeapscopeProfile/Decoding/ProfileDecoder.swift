import Foundation

/// Decodes profiles into `Profile`: pprof's `profile.proto` (gzipped or raw)
/// and the legacy formats `ProfileFormat` recognises by content.
public enum ProfileDecoder {
    /// Reads and decodes the profile at `path` (a file, device or FIFO),
    /// never reading more than `options.maxDecompressedBytes` from it.
    public static func decode(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
        return try decodeFile(path, options: options)
    }

    /// Reads and decodes a profile from an open file descriptor (standard
    /// input is 0), capped like `decode(contentsOf:)`. The descriptor stays open.
    public static func decode(fileDescriptor: Int32, options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
        return try decodeStream(fileDescriptor, options: options)
    }

    static func decode(_ input: Input, options: DecodeOptions) throws(ProfileError) -> Profile {
        guard !input.bytes.isEmpty else { throw .emptyInput }
        if input.wasGzip { return try decodeContent(input.bytes, options: options) }
        return try decodeUncompressed(input.bytes, options: options)
    }

    /// Decodes a profile from bytes: gzip is inflated first (bounded by
    /// `options.maxDecompressedBytes`), anything else is read as it is.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ProfileError) -> Profile {
        try checkOptions(options)
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

    /// Decodes decompressed bytes in the format `ProfileFormat.sniff`
    /// recognises, then applies pprof's name rules (gzipped protobuf read
    /// from a file or stream takes `decodeOverlapped` instead, which comes
    /// here for every other format).
    static func decodeContent(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        finishContent(try decodeFormat(bytes, options: options), options: options)
    }

    /// pprof's name rules and, when asked, the truncation marker.
    static func finishContent(_ decoded: consuming Profile, options: DecodeOptions) -> Profile {
        var profile = decoded
        FunctionNameSimplifier.apply(to: &profile)
        return options.truncationMarker ? profile.markingTruncatedStacks() : profile
    }

    private static func decodeFormat(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        switch ProfileFormat.sniff(bytes) {
        case .protobuf:
            return try decodeJudgingTruncation(bytes, options: options)
        case .heapText:
            return try HeapTextParser.parse(bytes, useComments: options.frameComments)
        case .contentionText:
            return try ContentionTextParser.parse(bytes, useComments: options.frameComments)
        case .goCountText:
            return try GoCountTextParser.parse(bytes, useComments: options.frameComments)
        case .threadText:
            return try ThreadTextParser.parse(bytes)
        case .javaText(let kind):
            return try JavaTextParser.parse(bytes, kind: kind)
        case .legacyCPU(let layout, let java):
            return java ? try LegacyCPUParser.parseJava(bytes, layout: layout) : try LegacyCPUParser.parse(bytes, layout: layout)
        case .unsupported(let what):
            // Text-looking bytes can still be protobuf; say what they look
            // like only when they do not decode.
            do {
                return try decodeJudgingTruncation(bytes, options: options)
            } catch {
                if case .malformed = error { throw .notAProfile(what) }
                throw error
            }
        }
    }

    private static func decodeJudgingTruncation(_ bytes: [UInt8], options: DecodeOptions) throws(ProfileError) -> Profile {
        var profile = try decodeProtobuf(bytes, maxConcurrency: options.maxConcurrency, partitions: nil)
        profile.truncation = StackTruncation.detect(in: profile)
        return profile
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
        try bytes.withUnsafeBufferPointer { (buffer) throws(ProfileError) in
            var builder = ProfileBuilder()
            try builder.decodeTopLevel(buffer)
            return try finishProtobuf(&builder, buffer, maxConcurrency: maxConcurrency, partitions: partitions, releasing: nil)
        }
    }

    /// Passes 1.5 and 2 once pass 1 has read every top-level field of
    /// `buffer`; validates the result. `releasing`: see `decodeSamples`.
    static func finishProtobuf(
        _ builder: inout ProfileBuilder, _ buffer: UnsafeBufferPointer<UInt8>, maxConcurrency: Int, partitions: Int?,
        releasing: InflatedBuffer?
    ) throws(ProfileError) -> Profile {
        try builder.resolveReferences()
        try builder.decodeSamples(buffer, maxConcurrency: maxConcurrency, partitions: partitions, releasing: releasing)
        var profile = builder.profile
        builder.profile = Profile()
        try ProfileValidator.validate(&profile)
        return profile
    }

    /// True when `bytes` are text in no format heapscope reads (an HTML page,
    /// JSON, plain text): a download that is such text is refused before it
    /// is decoded, with what it looks like.
    package static func isUnsupportedText(_ bytes: [UInt8]) -> Bool {
        guard case .unsupported = ProfileFormat.sniff(bytes) else { return false }
        return ProfileFormat.isText(bytes.prefix(512))
    }
}

/// What a profile's (decompressed) bytes are, decided by content alone.
enum ProfileFormat: Equatable {
    /// `profile.proto` (or anything binary that is not another format).
    case protobuf
    /// Legacy heap text: Go `?debug=1`, gperftools heap, growth, fragmentation.
    case heapText
    /// Not a format heapscope reads; the text says what it looks like.
    case unsupported(String)

    /// What heapscope reads, for the "not a profile" message.
    static let supportedList = "heapscope reads profile.proto (gzipped or not) and legacy heap text (Go ?debug=1, gperftools heap/growth)"

    /// Decides the format from the first bytes.
    static func sniff(_ bytes: [UInt8]) -> ProfileFormat {
        let firstLine = String(decoding: bytes.prefix(4096).prefix { $0 != 10 }, as: UTF8.self)
        if firstLine.hasPrefix("heap profile:") { return .heapText }
        guard isText(bytes.prefix(512)) else { return .protobuf }
        return .unsupported("the file is text, neither gzip nor protobuf; \(supportedList)")
    }

    /// True when the first bytes are text: tabs, line breaks, printable
    /// ASCII and UTF-8 (a protobuf profile starts with a binary tag).
    private static func isText(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
    }
}

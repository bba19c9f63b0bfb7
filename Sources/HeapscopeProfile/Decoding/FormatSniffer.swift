/// What a profile's (decompressed) bytes are, decided by content alone,
/// never by the file name.
enum ProfileFormat: Equatable {
    /// `profile.proto` (or anything binary that is not another format).
    case protobuf
    /// Legacy heap text: Go `?debug=1`, gperftools heap, growth, fragmentation.
    case heapText
    /// Legacy contention text: Go `mutex`/`block` `?debug=1`, C++ contentionz.
    case contentionText
    /// Go count text (`goroutine`/`threadcreate` `?debug=1`).
    case goCountText
    /// Thread text (threadz).
    case threadText
    /// Java text profiles (`--- heapz 1 ---`, `--- contentionz 1 ---`).
    case javaText(JavaTextParser.Kind)
    /// The legacy binary CPU format (gperftools), or its Java variant.
    case legacyCPU(LegacyCPUParser.Layout, java: Bool)
    /// Not a format heapscope reads; the text says what it looks like.
    case unsupported(String)

    /// What heapscope reads, for the "not a profile" message.
    static let supportedList =
        "heapscope reads profile.proto (gzipped or not) and the legacy formats go tool pprof reads: heap text (Go ?debug=1, gperftools), contention text (Go mutex/block ?debug=1, contentionz), Go goroutine/threadcreate text, thread text (threadz), Java text (heapz, contentionz) and the binary CPU format (C++ and Java)"

    /// Decides the format from the first bytes.
    static func sniff(_ bytes: [UInt8]) -> ProfileFormat {
        let head = bytes.prefix(4096)
        let firstLine = String(decoding: head.prefix { $0 != 10 }, as: UTF8.self).trimmedSpace
        // pprof's order: binary CPU, heap, Go count, thread, contention, Java.
        if let cpu = LegacyCPUParser.header(of: head) { return .legacyCPU(cpu.layout, java: cpu.java) }
        if firstLine.hasPrefix("heap profile:") { return .heapText }
        let text = String(decoding: head, as: UTF8.self)
        let firstContentLine = text.split(separator: "\n").first { !String($0).isSpaceOrComment }.map(String.init) ?? ""
        if GoCountTextParser.profileName(
            ofHeader: firstContentLine.hasSuffix("\r") ? String(firstContentLine.dropLast()) : firstContentLine) != nil
        {
            return .goCountText
        }
        if ThreadTextParser.isHeader(firstContentLine) { return .threadText }
        if ["--- contentionz ", "--- mutex:", "--- contention:"].contains(where: firstLine.hasPrefix) {
            let java = JavaTextParser.kind(ofHeader: firstLine) != nil && JavaTextParser.hasJavaAttributes(text)
            return java ? .javaText(.contention) : .contentionText
        }
        if let java = JavaTextParser.kind(ofHeader: firstLine) { return .javaText(java) }
        guard isText(head.prefix(512)) else { return .protobuf }
        let start = text.trimmedSpace
        if start.hasPrefix("goroutine ") && start.contains("[") { return looksLike("this looks like a Go goroutine dump (?debug=2)") }
        let lowered = start.prefix(200).lowercased()
        if lowered.hasPrefix("<!doctype html") || lowered.hasPrefix("<html") || lowered.contains("<head") || lowered.contains("<body") {
            return looksLike("this looks like an HTML page, not a profile (a login or error page saved instead of the profile?)")
        }
        if start.hasPrefix("{") || start.hasPrefix("[") {
            if text.contains("\"resourceProfiles\"") || text.contains("\"resource_profiles\"") {
                return looksLike("this looks like OpenTelemetry (OTLP) profiles in JSON")
            }
            return looksLike("this looks like JSON, not a profile")
        }
        return looksLike("the file is text, neither gzip nor protobuf")
    }

    private static func looksLike(_ what: String) -> ProfileFormat {
        .unsupported("\(what); \(supportedList)")
    }

    /// True when the first bytes are text: tabs, line breaks, printable
    /// ASCII and UTF-8 (a protobuf profile starts with a binary tag).
    static func isText(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.allSatisfy({ $0 == 9 || $0 == 10 || $0 == 13 || $0 >= 32 && $0 != 127 }) else { return false }
        // Valid UTF-8, allowing a sequence cut where the 512-byte prefix ends.
        let cuts = bytes.count == 512 ? 0...3 : 0...0
        return cuts.contains { String(validating: bytes.dropLast($0), as: UTF8.self) != nil }
    }
}

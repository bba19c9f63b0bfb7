/// What a profile's (decompressed) bytes are, decided by content alone,
/// never by the file name.
enum ProfileFormat: Equatable {
    /// `profile.proto` (or anything binary that is not another format).
    case protobuf
    /// Legacy heap text: Go `?debug=1`, gperftools heap, growth, fragmentation.
    case heapText
    /// Legacy contention text: Go `mutex`/`block` `?debug=1`, C++ contentionz.
    case contentionText
    /// The legacy binary CPU format (gperftools).
    case legacyCPU(LegacyCPUParser.Layout)
    /// Not a format heapscope reads; the text says what it looks like.
    case unsupported(String)

    /// What heapscope reads, for the "not a profile" message.
    static let supportedList =
        "heapscope reads profile.proto (gzipped or not), legacy heap text (Go ?debug=1, gperftools), legacy contention text (Go mutex/block ?debug=1, contentionz) and the legacy binary CPU format"

    /// Decides the format from the first bytes.
    static func sniff(_ bytes: [UInt8]) -> ProfileFormat {
        let head = bytes.prefix(4096)
        let firstLine = String(decoding: head.prefix { $0 != 10 }, as: UTF8.self).trimmedSpace
        if firstLine.hasPrefix("heap profile:") { return .heapText }
        if ["--- contentionz ", "--- mutex:", "--- contention:"].contains(where: firstLine.hasPrefix) {
            return head.containsText("format = java") ? unread("a Java contention text profile") : .contentionText
        }
        if let java = javaHeader(firstLine) { return unread(java) }
        if let cpu = LegacyCPUParser.header(of: head) {
            return cpu.java ? unread("a legacy binary Java CPU profile") : .legacyCPU(cpu.layout)
        }
        guard isText(head.prefix(512)) else { return .protobuf }
        let text = String(decoding: head, as: UTF8.self)
        let start = text.trimmedSpace
        let firstContentLine = text.split(separator: "\n").first { !String($0).isSpaceOrComment }.map { String($0).trimmedSpace } ?? ""
        if isGoCountHeader(firstContentLine) { return unread("a Go \(firstContentLine.prefix { $0 != " " }) text profile (?debug=1)") }
        if firstLine.hasPrefix("--- threadz") || firstLine.hasPrefix("--- Thread ") { return unread("a thread (threadz) text profile") }
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

    private static func unread(_ what: String) -> ProfileFormat {
        looksLike("this is \(what), which go tool pprof reads but heapscope does not yet")
    }

    /// pprof's Java text headers.
    private static func javaHeader(_ line: Substring) -> String? {
        switch line {
        case "--- heapz 1 ---": return "a Java heap text profile"
        case "--- contentionz 1 ---": return "a Java contention text profile"
        default: return line.hasPrefix("--- profilez") || line.hasPrefix("--- cpuz") ? "a Java CPU text profile" : nil
        }
    }

    /// pprof's `countStartRE`: `NAME profile: total N`.
    private static func isGoCountHeader(_ line: Substring) -> Bool {
        let parts = line.split(separator: " ")
        return parts.count == 4 && parts[1] == "profile:" && parts[2] == "total" && parts[3].allSatisfy(\.isNumber)
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

extension ArraySlice where Element == UInt8 {
    fileprivate func containsText(_ text: String) -> Bool {
        String(decoding: self, as: UTF8.self).contains(text)
    }
}

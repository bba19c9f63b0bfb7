import CRE2

/// A compiled RE2 expression: Go's regexp syntax (what pprof accepts),
/// matched unanchored in time linear in the text, so no pattern can make a
/// match take exponential time. Immutable; RE2 matches from any thread.
final class LinearRegex: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Compiles `pattern`; throws RE2's reason when it is not valid.
    init(_ pattern: String) throws(LinearRegexError) {
        var error: UnsafeMutablePointer<CChar>?
        var bytes = Array(pattern.utf8)
        bytes.append(0)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { heapscope_re2_new($0.baseAddress, buffer.count - 1, &error) }
        }
        guard let compiled else {
            let reason = error.map { String(cString: $0) } ?? "invalid regular expression"
            heapscope_re2_free_error(error)
            throw LinearRegexError(reason: reason)
        }
        handle = compiled
    }

    deinit {
        heapscope_re2_free(handle)
    }

    /// True when the expression matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ match($0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { match($0) }
    }

    private func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withMemoryRebound(to: CChar.self) { heapscope_re2_partial_match(handle, $0.baseAddress, $0.count) != 0 }
    }
}

/// Why RE2 refused an expression (e.g. "missing ): (a").
struct LinearRegexError: Error {
    let reason: String
}

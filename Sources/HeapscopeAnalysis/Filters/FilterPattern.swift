/// A regular expression of a filter option, matched unanchored as Go's
/// `regexp.MatchString` does: Go's RE2 syntax, through RE2 itself, in time
/// linear in the text (no backreferences or lookaround, as in Go).
public struct FilterPattern: Sendable {
    /// The expression as given.
    public let source: String
    let regex: LinearRegex

    /// Compiles `source`; `option` names the option in the error.
    public init(_ source: String, option: String) throws(FilterError) {
        self.source = source
        do {
            regex = try LinearRegex(source)
        } catch {
            throw FilterError.badRegex(option: option, pattern: source, reason: error.reason)
        }
    }

    /// True when the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.matches(text)
    }
}

/// A filter option that cannot be used.
public enum FilterError: Error, CustomStringConvertible, Equatable {
    case badRegex(option: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case .badRegex(let option, let pattern, let reason):
            let oneLine = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "parsing \(option) regexp '\(pattern)': \(oneLine)"
        }
    }
}

/// A regular expression of a filter option, matched unanchored as Go's
/// `regexp.MatchString` does.
///
/// pprof uses Go's RE2 syntax; heapscope uses Swift Regex, which accepts the
/// same common syntax (classes, `[[:alpha:]]`, `(?i)`, `(?P<name>…)`,
/// `\Q…\E`, anchors, repetition). It is set to match by Unicode scalar (as Go
/// matches by rune) and with ASCII word boundaries (as Go's `\b`). Go's
/// one-letter property escapes `\pL`/`\PL` are rewritten to `\p{L}`/`\P{L}`.
/// Swift Regex also accepts backreferences and lookaround, which RE2 rejects.
public struct FilterPattern {
    /// The expression as given.
    public let source: String
    let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; `option` names the option in the error.
    public init(_ source: String, option: String) throws(FilterError) {
        self.source = source
        do {
            regex = try Regex(Self.translated(source))
                .matchingSemantics(.unicodeScalar)
                .wordBoundaryKind(.simple)
        } catch {
            throw FilterError.badRegex(option: option, pattern: source, reason: "\(error)")
        }
    }

    /// True when the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        text.contains(regex)
    }

    /// Rewrites Go's `\pX` and `\PX` (one-letter Unicode classes) to the
    /// braced form Swift Regex wants; everything else is kept.
    static func translated(_ source: String) -> String {
        guard source.contains("\\p") || source.contains("\\P") else { return source }
        var out = ""
        var scalars = source.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\", let next = scalars.next() else {
                out.unicodeScalars.append(scalar)
                continue
            }
            out.unicodeScalars.append(scalar)
            out.unicodeScalars.append(next)
            guard next == "p" || next == "P", let letter = scalars.next() else { continue }
            if letter.properties.isAlphabetic && letter.isASCII {
                out += "{" + String(letter) + "}"
            } else {
                out.unicodeScalars.append(letter)
            }
        }
        return out
    }
}

/// A filter option that cannot be used.
public enum FilterError: Error, CustomStringConvertible, Equatable {
    case badRegex(option: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case let .badRegex(option, pattern, reason):
            let oneLine = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "parsing \(option) regexp '\(pattern)': \(oneLine)"
        }
    }
}

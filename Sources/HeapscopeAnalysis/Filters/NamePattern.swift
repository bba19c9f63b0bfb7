/// A regular expression matched, unanchored, against function or node
/// names, as pprof matches its `-list` and `-peek` arguments: Go's syntax,
/// through RE2, in linear time.
public struct NamePattern: Sendable {
    /// The expression as the user wrote it.
    public let source: String
    private let regex: LinearRegex

    public init(_ source: String) throws(AnalysisError) {
        self.source = source
        do {
            regex = try LinearRegex(source)
        } catch {
            throw .invalidOption("parsing argument regexp \(source): invalid regular expression")
        }
    }

    /// True when the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.matches(text)
    }

    /// The error for a pattern that matched nothing (pprof's wording).
    public var noMatches: AnalysisError {
        .invalidOption("no matches found for regexp: \(source)")
    }
}

import Foundation

/// A regular expression matched, unanchored, against function or node
/// names, as pprof matches its `-list` and `-peek` arguments.
public struct NamePattern: @unchecked Sendable {
    /// The expression as the user wrote it.
    public let source: String
    // NSRegularExpression is immutable and thread-safe.
    private let regex: NSRegularExpression

    public init(_ source: String) throws(AnalysisError) {
        self.source = source
        do {
            regex = try NSRegularExpression(pattern: source)
        } catch {
            throw .invalidOption("parsing argument regexp \(source): invalid regular expression")
        }
    }

    /// True when the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The error for a pattern that matched nothing (pprof's wording).
    public var noMatches: AnalysisError {
        .invalidOption("no matches found for regexp: \(source)")
    }
}

import Foundation

/// pprof's `ShortenFunctionName` (graph labels): strips the package path of
/// Go names, Go module major versions, Java packages and C++ namespaces.
/// The patterns are pprof's, spelled so that ICU matches as Go's RE2 does:
/// ASCII classes for `\w` and `\d`, `[^\n]` for `.`, `\z` for `$`.
public enum FunctionNames {
    private struct Patterns: @unchecked Sendable {
        let anonymousNamespace: NSRegularExpression?
        let goVersion: NSRegularExpression?
        let shorteners: [NSRegularExpression]
    }

    private static let word = "0-9A-Za-z_"
    private static let patterns: Patterns = {
        func compile(_ pattern: String) -> NSRegularExpression? { try? NSRegularExpression(pattern: pattern) }
        return Patterns(
            anonymousNamespace: compile(#"^\(anonymous namespace\)::"#),
            goVersion: compile(#"^([^\n]*?)/v(?:[2-9]|[1-9][0-9]+)([./][^\n]*)\z"#),
            shorteners: [
                // Go: keep the last path element.
                #"^(?:[\#(word)\-.]+/)+([^\n]+)"#,
                // Java: Class.method, without package and arguments.
                #"^(?:[a-z][\#(word)]*\.)*([A-Z][\#(word)$]*\.(?:<init>|[a-z][\#(word)$]*(?:\$[0-9]+)?))(?:\(|\z)"#,
                // C++: Class::method, without namespaces.
                #"^(?:[_a-zA-Z][\#(word)]*::)+(_*[A-Z][\#(word)]*::~?[_a-zA-Z][\#(word)]*(?:<[^\n]*>)?)"#,
            ].compactMap(compile))
    }()

    /// The shortened name.
    public static func shorten(_ name: String) -> String {
        var name = name
        let patterns = self.patterns
        if let regex = patterns.anonymousNamespace {
            name = regex.stringByReplacingMatches(in: name, range: NSRange(name.startIndex..., in: name), withTemplate: "")
        }
        if let regex = patterns.goVersion {
            name = regex.stringByReplacingMatches(in: name, range: NSRange(name.startIndex..., in: name), withTemplate: "$1$2")
        }
        for regex in patterns.shorteners {
            let whole = NSRange(name.startIndex..., in: name)
            if let match = regex.firstMatch(in: name, range: whole), match.numberOfRanges >= 2 {
                let group = match.range(at: 1)
                if group.location == NSNotFound { return "" }
                return Range(group, in: name).map { String(name[$0]) } ?? name
            }
        }
        return name
    }
}

extension FunctionNames {
    /// Splits at every occurrence of `separator`, comparing bytes as Go's
    /// strings package does (no Unicode equivalence).
    static func split(_ text: String, at separator: String) -> [String] {
        let bytes = Array(text.utf8), sep = Array(separator.utf8)
        var pieces: [String] = []
        var start = 0, index = 0
        while index + sep.count <= bytes.count {
            if bytes[index..<(index + sep.count)].elementsEqual(sep) {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += sep.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }
}

extension NodeInfo {
    /// The lines of a graph node's label (pprof's `multilinePrintableName`),
    /// unescaped: the address, the shortened name split at `::` and `.`
    /// (Go's `[...]` kept as `[…]`), then base(file)[:line], or the binary,
    /// or `<unknown>`.
    public var multilineComponents: [String] {
        var nameParts: [String] = []
        if !name.isEmpty {
            for piece in FunctionNames.split(FunctionNames.shorten(name), at: "::") {
                nameParts += FunctionNames.split(FunctionNames.split(piece, at: "[...]").joined(separator: "[…]"), at: ".")
            }
        }
        return nameComponents(nameParts: nameParts, file: file.isEmpty ? "" : PathUtilities.base(file))
    }
}

/// Go's `path/filepath` helpers that pprof's output depends on.
public enum PathUtilities {
    /// `filepath.Base`: the last element, "." for "", "/" for all slashes.
    public static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed == "/" { return "/" }
        if let slash = trimmed.lastIndex(of: "/") {
            return String(trimmed[trimmed.index(after: slash)...])
        }
        return String(trimmed)
    }

    /// `filepath.Clean`: lexical normalisation of `.`, `..` and slashes.
    public static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `filepath.SplitList`: a `:`-separated list; "" is the empty list.
    public static func splitList(_ list: String) -> [String] {
        list.isEmpty ? [] : list.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }
}

extension PathUtilities {
    /// `filepath.Dir`: everything but the last element, cleaned.
    public static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : clean(head)
    }

    /// `filepath.Join` of two elements: empty ones are left out, the result cleaned.
    public static func join(_ first: String, _ second: String) -> String {
        if first.isEmpty { return second.isEmpty ? "" : clean(second) }
        if second.isEmpty { return clean(first) }
        return clean(first + "/" + second)
    }
}

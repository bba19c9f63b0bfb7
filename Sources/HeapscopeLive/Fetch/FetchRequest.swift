import Foundation

/// What to download: a profile endpoint, how long to wait for it, and the
/// headers to send. Header values are secrets: nothing prints them.
package struct FetchRequest: Sendable {
    /// The URL as the user wrote it (used in messages).
    package let source: String
    /// The URL requested, with `seconds=N` added when a delta profile is asked for.
    package let url: URL
    /// The longest the whole download may take, in seconds.
    package let timeout: TimeInterval
    /// Extra request headers, in order (name, value).
    package let headers: [(name: String, value: String)]
    /// Redirects followed before giving up (Go's http client allows 10).
    package static let maxRedirects = 10
    /// The default `timeout` when none is given (pprof: 60 s, plus the delta's seconds).
    package static func defaultTimeout(seconds: Int?) -> TimeInterval { 60 + TimeInterval(seconds ?? 0) }

    /// - Parameters:
    ///   - source: an http:// or https:// URL.
    ///   - seconds: ask the endpoint for a delta profile over this many seconds.
    ///   - timeout: the time limit of the whole download.
    ///   - headers: `Name: value` strings.
    package init(_ source: String, seconds: Int? = nil, timeout: TimeInterval? = nil, headers: [String] = []) throws(FetchError) {
        guard var components = URLComponents(string: source), let scheme = components.scheme?.lowercased() else {
            throw .invalidURL("not a valid URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .invalidURL("only http:// and https:// URLs are supported")
        }
        guard components.host.map({ !$0.isEmpty }) == true else { throw .invalidURL("not a valid URL") }
        if let seconds {
            guard seconds > 0 else { throw .invalidURL("--seconds must be positive") }
            var items = components.queryItems ?? []
            items.removeAll { $0.name == "seconds" }
            items.append(URLQueryItem(name: "seconds", value: String(seconds)))
            components.queryItems = items
        }
        guard let url = components.url else { throw .invalidURL("not a valid URL") }
        let limit = timeout ?? Self.defaultTimeout(seconds: seconds)
        guard limit.isFinite, limit > 0 else { throw .invalidURL("--timeout must be a positive number of seconds") }
        self.source = source
        self.url = url
        self.timeout = limit
        self.headers = try headers.map { (header: String) throws(FetchError) -> (name: String, value: String) in
            guard let colon = header.firstIndex(of: ":") else {
                throw .invalidURL("--header must look like 'Name: value' (the value is not shown)")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces)
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
                throw .invalidURL("--header must look like 'Name: value' (the value is not shown)")
            }
            return (name, value)
        }
    }

    /// True when `argument` names a URL (`scheme://…`) rather than a file.
    package static func isURL(_ argument: String) -> Bool {
        guard let separator = argument.range(of: "://") else { return false }
        let scheme = argument[..<separator.lowerBound]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}

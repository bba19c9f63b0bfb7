import HeapscopeProfile

/// Why a profile could not be downloaded. Each case reads as the rest of
/// an error line that starts with the URL.
package enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The argument is not an http(s) URL, or an option is out of range.
    case invalidURL(String)
    /// Nothing listens at the host and port.
    case connectionRefused
    /// The host name does not resolve.
    case hostNotFound
    /// The download did not finish within the time limit (seconds).
    case timedOut(Double)
    /// The server answered with a status other than 200.
    case httpStatus(Int)
    /// The server sent an HTML page instead of a profile.
    case htmlPage(contentType: String)
    /// The server sent text instead of a profile; `firstLine` is its start.
    case text(contentType: String, firstLine: String)
    /// The connection closed before the whole body arrived.
    case truncated(received: Int, expected: Int?)
    /// More than `FetchRequest.maxRedirects` redirects.
    case tooManyRedirects(Int)
    /// The body arrived but is not a valid profile.
    case profile(ProfileError)
    /// Any other transport failure, in the transport's words.
    case transport(String)
    /// The capture was cancelled (the watch is stopping).
    case cancelled

    package var description: String {
        switch self {
        case .invalidURL(let why): return why
        case .connectionRefused: return "connection refused (is the service running and listening on this port?)"
        case .hostNotFound: return "cannot resolve the host name (DNS lookup failed)"
        case .timedOut(let seconds): return "timed out after \(Self.seconds(seconds)) (raise it with --timeout)"
        case .httpStatus(let status): return "HTTP status \(status) (\(Self.reason(status))), expected 200"
        case .htmlPage(let type):
            return "the server sent an HTML page (Content-Type: \(type)), not a profile; is this the /debug/pprof/heap endpoint?"
        case .text(let type, let line):
            return "the server sent text (Content-Type: \(type)), not a profile: \"\(line)\""
        case .truncated(let received, let expected):
            let of = expected.map { " of \($0)" } ?? ""
            return "the response body is truncated (the connection closed after \(received)\(of) bytes)"
        case .tooManyRedirects(let limit): return "too many redirects (stopped after \(limit))"
        case .profile(let error): return "\(error)"
        case .transport(let why): return why
        case .cancelled: return "cancelled"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 301, 302, 303, 307, 308: return "redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return status >= 500 ? "server error" : status >= 400 ? "client error" : "unexpected"
        }
    }
}

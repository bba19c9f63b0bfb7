import Foundation
import Testing

@testable import HeapscopeLive

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct FetchRequestTests {
    @Test func secondsIsAddedToTheQuery() throws {
        let plain = try FetchRequest("http://127.0.0.1:6060/debug/pprof/heap", seconds: 30)
        #expect(plain.url.absoluteString == "http://127.0.0.1:6060/debug/pprof/heap?seconds=30")
        #expect(plain.timeout == 90)
        let withQuery = try FetchRequest("https://host/debug/pprof/heap?gc=1&seconds=5", seconds: 10, timeout: 3)
        #expect(withQuery.url.absoluteString == "https://host/debug/pprof/heap?gc=1&seconds=10")
        #expect(withQuery.timeout == 3)
        #expect(try FetchRequest("http://h/x").timeout == 60)
    }

    @Test func headersAreParsed() throws {
        let request = try FetchRequest("http://h/x", headers: ["Authorization: Bearer a:b", "X-Token:t"])
        #expect(request.headers.map(\.name) == ["Authorization", "X-Token"])
        #expect(request.headers.map(\.value) == ["Bearer a:b", "t"])
        #expect(throws: FetchError.invalidURL("--header must look like 'Name: value' (the value is not shown)")) {
            _ = try FetchRequest("http://h/x", headers: ["Bad Name: secret"])
        }
    }

    @Test(arguments: [
        ("ftp://h/x", "only http:// and https:// URLs are supported"),
        ("http://", "not a valid URL"),
        ("file:///tmp/x", "only http:// and https:// URLs are supported"),
    ])
    func badURLs(url: String, message: String) {
        #expect(throws: FetchError.invalidURL(message)) { _ = try FetchRequest(url) }
    }

    @Test func urlsAreToldFromFiles() {
        #expect(FetchRequest.isURL("http://127.0.0.1:6060/debug/pprof/heap"))
        #expect(FetchRequest.isURL("HTTPS://host/x"))
        #expect(!FetchRequest.isURL("snapshots/heap.pb.gz"))
        #expect(!FetchRequest.isURL("weird name://x"))
    }

    /// DNS failures are not provoked in tests (they would leave loopback):
    /// the transport's codes are mapped here instead.
    @Test func transportErrorsAreNamed() {
        func mapped(_ code: URLError.Code, received: Int = 0, expected: Int? = nil) -> FetchError {
            FetchError.transport(URLError(code), received: received, expected: expected, timeout: 5)
        }
        #expect(mapped(.cannotFindHost) == .hostNotFound)
        #expect(mapped(.dnsLookupFailed).description == "cannot resolve the host name (DNS lookup failed)")
        #expect(mapped(.cannotConnectToHost) == .connectionRefused)
        #expect(mapped(.timedOut) == .timedOut(5))
        #expect(mapped(.httpTooManyRedirects) == .tooManyRedirects(10))
        #expect(mapped(.networkConnectionLost, received: 10, expected: 20) == .truncated(received: 10, expected: 20))
        #expect(mapped(.unknown, received: 10, expected: 20) == .truncated(received: 10, expected: 20))
    }
}

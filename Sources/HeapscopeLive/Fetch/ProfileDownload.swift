import Foundation
import HeapscopeProfile

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A downloaded profile: the body as the server sent it and its decoding.
package struct FetchedProfile: @unchecked Sendable {
    /// The bytes as sent (usually gzip), ready to be saved as a `.pb.gz`.
    package let body: [UInt8]
    package let profile: Profile
}

/// One download of a profile over HTTP(S) with URLSession. The body streams
/// into `ProfileBody` (the decompression cap applies while it arrives; the
/// transfer is cancelled past it), the whole download is bounded by the
/// request's timeout, and every failure becomes one `FetchError`.
/// `run()` blocks; `cancel()` may be called from any thread.
package final class ProfileDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let request: FetchRequest
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private let body: ProfileBody
    private var failure: FetchError?
    private var redirects = 0
    private var expectedLength: Int?
    private var contentType = ""
    private var task: URLSessionTask?

    package init(_ request: FetchRequest, options: DecodeOptions) {
        self.request = request
        self.body = ProfileBody(options: options)
    }

    /// Downloads and decodes the profile.
    package static func fetch(_ request: FetchRequest, options: DecodeOptions) throws(FetchError) -> FetchedProfile {
        try ProfileDownload(request, options: options).run()
    }

    /// Runs the download to its end, its failure, its timeout or `cancel()`.
    package func run() throws(FetchError) -> FetchedProfile {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeout
        configuration.timeoutIntervalForResource = request.timeout
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var urlRequest = URLRequest(url: request.url, timeoutInterval: request.timeout)
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        let task = session.dataTask(with: urlRequest)
        lock.withLock {
            self.task = task
            if failure == nil { task.resume() } else { finished.signal() }
        }
        if finished.wait(timeout: .now() + request.timeout) == .timedOut {
            fail(.timedOut(request.timeout))
        }
        let (outcome, contentType) = lock.withLock { (failure, self.contentType) }
        if let outcome { throw outcome }
        let shownType = contentType.isEmpty ? "none" : contentType
        if body.isText {
            throw body.isHTML(contentType: contentType)
                ? .htmlPage(contentType: shownType) : .text(contentType: shownType, firstLine: body.firstLine)
        }
        if body.count == 0 { throw .transport("the server sent an empty body (HTTP 200)") }
        do {
            return FetchedProfile(body: body.bytes, profile: try body.decode())
        } catch {
            throw .profile(error)
        }
    }

    /// Stops the download; `run()` throws `FetchError.cancelled`.
    package func cancel() { fail(.cancelled) }

    /// Records the first failure, cancels the transfer and wakes `run()`.
    private func fail(_ error: FetchError) {
        let task = lock.withLock { () -> URLSessionTask? in
            if failure == nil { failure = error }
            return self.task
        }
        task?.cancel()
        finished.signal()
    }

    package func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if lock.withLock({ redirects > FetchRequest.maxRedirects }) {
            completionHandler(.cancel)
            fail(.tooManyRedirects(FetchRequest.maxRedirects))
            return
        }
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            completionHandler(.cancel)
            fail(.httpStatus(http.statusCode))
            return
        }
        lock.withLock {
            contentType = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") ?? ""
            expectedLength = response.expectedContentLength >= 0 ? Int(response.expectedContentLength) : nil
        }
        completionHandler(.allow)
    }

    package func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let error = lock.withLock { () -> ProfileError? in
            guard failure == nil else { return nil }
            do throws(ProfileError) {
                try body.append(data)
                return nil
            } catch {
                return error
            }
        }
        if let error { fail(.profile(error)) }
    }

    package func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        let count = lock.withLock { () -> Int in
            redirects += 1
            return redirects
        }
        if count > FetchRequest.maxRedirects {
            completionHandler(nil)
            fail(.tooManyRedirects(FetchRequest.maxRedirects))
            return
        }
        // Headers go along to the new location only on the same host (as Go's client).
        var next = newRequest
        if newRequest.url?.host != request.url.host {
            for header in request.headers { next.setValue(nil, forHTTPHeaderField: header.name) }
        }
        completionHandler(next)
    }

    package func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error {
            fail(transportFailure(error))
            return
        }
        let (received, expected) = lock.withLock { (body.count, expectedLength) }
        if let expected, received < expected {
            fail(.truncated(received: received, expected: expected))
            return
        }
        finished.signal()
    }

    /// Names a transport error in the words of `FetchError`.
    private func transportFailure(_ error: Error) -> FetchError {
        let received = lock.withLock { body.count }
        let expected = lock.withLock { expectedLength }
        return FetchError.transport(error, received: received, expected: expected, timeout: request.timeout)
    }
}

extension FetchError {
    /// Maps a URLSession (URLError) failure to a `FetchError`.
    static func transport(_ error: Error, received: Int, expected: Int?, timeout: TimeInterval) -> FetchError {
        let code = (error as NSError).domain == NSURLErrorDomain ? (error as NSError).code : 0
        switch URLError.Code(rawValue: code) {
        case .cannotConnectToHost: return .connectionRefused
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound
        case .timedOut: return .timedOut(timeout)
        case .httpTooManyRedirects: return .tooManyRedirects(FetchRequest.maxRedirects)
        case .networkConnectionLost where received > 0:
            return .truncated(received: received, expected: expected)
        case .cancelled: return .cancelled
        default:
            // curl reports a body cut short as an unknown error; the length tells.
            if received > 0, let expected, received < expected { return .truncated(received: received, expected: expected) }
            return .transport((error as NSError).localizedDescription)
        }
    }
}

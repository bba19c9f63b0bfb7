import FlyingFox
import FlyingSocks
import Foundation

/// Serves `/metrics` (FlyingFox) on a loopback or chosen address while the
/// watch runs.
package final class MetricsServer: @unchecked Sendable {
    private let server: HTTPServer
    private var task: Task<Void, Error>?

    package struct AddressError: Error, CustomStringConvertible {
        package let description: String
    }

    /// - Parameter address: `HOST:PORT` (an IPv4 address; port 0 picks a free one).
    package init(address: String, metrics: WatchMetrics) throws(AddressError) {
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw AddressError(description: "--metrics-addr must be HOST:PORT such as 127.0.0.1:9464, not '\(address)'")
        }
        let host = parts[0].isEmpty || parts[0] == "localhost" ? "127.0.0.1" : String(parts[0])
        let socketAddress: sockaddr_in
        do {
            socketAddress = try .inet(ip4: host, port: port)
        } catch {
            throw AddressError(description: "--metrics-addr must be HOST:PORT with an IPv4 host, not '\(address)'")
        }
        server = HTTPServer(address: socketAddress, timeout: 15, logger: .disabled)
        let route: @Sendable (HTTPRequest) async throws -> HTTPResponse = { _ in
            HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(metrics.exposition()))
        }
        self.routeHandler = route
    }

    private let routeHandler: @Sendable (HTTPRequest) async throws -> HTTPResponse

    /// Starts listening; returns the address it listens on (`127.0.0.1:PORT`).
    package func start() async throws -> String {
        await server.appendRoute("GET /metrics", handler: routeHandler)
        let server = self.server
        task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        switch await server.listeningAddress {
        case .ip4(let host, let port)?: return "\(host):\(port)"
        case .ip6(let host, let port)?: return "[\(host)]:\(port)"
        default: return "unknown"
        }
    }

    /// Stops serving.
    package func stop() async {
        await server.stop(timeout: 1)
        task?.cancel()
    }
}

extension MetricsServer {
    /// `start()` from synchronous code: waits (at most 15 s) for the listener.
    package func startBlocking() throws -> String {
        let result = StartResult()
        let started = DispatchSemaphore(value: 0)
        Task {
            do { result.set(.success(try await self.start())) } catch { result.set(.failure(error)) }
            started.signal()
        }
        guard started.wait(timeout: .now() + 15) == .success, let outcome = result.value else {
            throw AddressError(description: "the metrics server did not start within 15 s")
        }
        return try outcome.get()
    }

    /// Stops serving without waiting.
    package func stopInBackground() {
        Task { await self.stop() }
    }
}

/// The outcome of starting the server, handed across threads.
private final class StartResult: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<String, Error>?

    func set(_ value: Result<String, Error>) { lock.withLock { outcome = value } }
    var value: Result<String, Error>? { lock.withLock { outcome } }
}

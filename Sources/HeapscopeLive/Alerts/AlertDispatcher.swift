import Foundation
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Delivers alerts off the capture loop, one at a time: runs `--on-alert`
/// with the JSON on standard input and POSTs it to `--webhook`, retrying
/// with backoff. A failing hook is logged and never stops the watch.
package final class AlertDispatcher: @unchecked Sendable {
    package let command: String?
    package let webhook: URL?
    /// Tries per webhook delivery, and the pause before the first retry
    /// (doubled for each later one).
    package let attempts: Int
    package let backoff: TimeInterval
    /// The longest one hook may take.
    package let timeout: TimeInterval
    private let log: Logger
    private let queue = DispatchQueue(label: "heapscope.alerts")

    package init(command: String?, webhook: URL?, log: Logger, attempts: Int = 4, backoff: TimeInterval = 0.5, timeout: TimeInterval = 10) {
        self.command = command
        self.webhook = webhook
        self.log = log
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        // A hook that closes its input early must not kill the watch.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Queues `alert` for delivery.
    package func send(_ alert: Alert) {
        let body = alert.json()
        queue.async { [self] in
            if let command { runCommand(command, input: body, target: alert.target) }
            if let webhook { post(body, to: webhook, target: alert.target) }
        }
    }

    /// Waits (at most `limit` seconds) for queued alerts to be delivered.
    package func drain(limit: TimeInterval) {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        _ = done.wait(timeout: .now() + limit)
    }

    private func runCommand(_ command: String, input: Data, target: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe()
        process.standardInput = stdin
        do {
            try process.run()
        } catch {
            log.error("alert command for \(target) could not be started: \(error)")
            return
        }
        // A command that does not read its input closes the pipe early: not an error.
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            log.error("alert command for \(target) took longer than \(Int(timeout)) s and was stopped")
        } else if process.terminationStatus != 0 {
            log.error("alert command for \(target) exited with status \(process.terminationStatus)")
        }
    }

    private func post(_ body: Data, to url: URL, target: String) {
        var pause = backoff
        for attempt in 1...max(1, attempts) {
            let outcome = postOnce(body, to: url)
            if outcome == nil { return }
            log.warning("webhook for \(target): attempt \(attempt) of \(attempts) failed: \(outcome ?? "")")
            if attempt < attempts {
                Thread.sleep(forTimeInterval: pause)
                pause *= 2
            }
        }
        log.error("webhook for \(target): giving up after \(attempts) attempts; the watch goes on")
    }

    /// Nil on a 2xx answer, else what went wrong.
    private func postOnce(_ body: Data, to url: URL) -> String? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let finished = DispatchSemaphore(value: 0)
        let result = WebhookResult()
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request) { _, response, error in
            if let error {
                result.set((error as NSError).localizedDescription)
            } else if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
                result.set("HTTP status \(status)")
            }
            finished.signal()
        }
        task.resume()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            task.cancel()
            return "timed out after \(Int(timeout)) s"
        }
        return result.value
    }
}

/// A webhook attempt's failure, set from URLSession's thread.
private final class WebhookResult: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: String?

    func set(_ text: String) { lock.withLock { failure = text } }
    var value: String? { lock.withLock { failure } }
}

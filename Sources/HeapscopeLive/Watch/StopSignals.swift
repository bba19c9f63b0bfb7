import Dispatch
import Foundation

/// SIGINT and SIGTERM as Dispatch signal sources: the first of either calls
/// `handler` (on a background queue) instead of killing the process.
package final class StopSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    package init(_ handler: @escaping @Sendable (Int32) -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

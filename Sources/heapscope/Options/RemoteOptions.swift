import ArgumentParser
import Foundation
import HeapscopeLive

/// How profiles given as http(s) URLs are downloaded: the time limit, a
/// delta profile's duration and request headers (their values are secret:
/// never printed).
struct RemoteOptions: ParsableArguments {
    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp("Time limit of each download, in seconds (default: 60, plus --seconds).", valueName: "seconds"))
    var timeout: Double?

    @Option(
        name: .customLong("seconds"),
        help: ArgumentHelp("Ask the endpoint for a delta profile over N seconds (adds ?seconds=N).", valueName: "n"))
    var seconds: Int?

    @Option(
        name: .customLong("header"),
        help: ArgumentHelp(
            "Send this request header, e.g. 'Authorization: Bearer …' (repeatable; values are never shown).",
            valueName: "name: value"))
    var headers: [String] = []

    func validate() throws {
        if let timeout, !(timeout.isFinite && timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if let seconds, seconds <= 0 { throw ValidationError("--seconds must be positive") }
        for header in headers where !header.contains(":") {
            throw ValidationError("--header must look like 'Name: value' (the value is not shown)")
        }
    }

    /// The download of `url` with these options.
    func request(_ url: String) throws(FetchError) -> FetchRequest {
        try FetchRequest(url, seconds: seconds, timeout: timeout, headers: headers)
    }
}

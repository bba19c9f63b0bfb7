import Foundation
import HeapscopeAnalysis

/// An alert on a change of a target's state: a new suspect (`firing`) or
/// all clear (`resolved`). Sent as JSON to `--on-alert` and `--webhook`:
/// `{target, status, time, total, suspects: [{name, delta, slope_per_hour}]}`.
package struct Alert: Codable, Equatable, Sendable {
    package enum Status: String, Codable, Sendable { case firing, resolved }

    package struct Suspect: Codable, Equatable, Sendable {
        package var name: String
        /// Growth over the judged series, in the sample unit.
        package var delta: Int64
        /// Least-squares growth per hour (nil when snapshots lack times).
        package var slopePerHour: Double?

        enum CodingKeys: String, CodingKey {
            case name, delta
            case slopePerHour = "slope_per_hour"
        }
    }

    package var target: String
    package var status: Status
    /// RFC 3339, UTC.
    package var time: String
    package var total: Int64
    package var suspects: [Suspect]

    package init(target: String, status: Status, time: String, total: Int64, suspects: [TrendNode]) {
        self.target = target
        self.status = status
        self.time = time
        self.total = total
        self.suspects = suspects.map { Suspect(name: $0.name, delta: $0.stats.delta, slopePerHour: $0.stats.slopePerHour) }
    }

    /// The JSON document, keys sorted, one line.
    package func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}

/// Decides when to alert: on a new suspect, and when the last suspect is gone.
package struct AlertState: Sendable {
    private var alerted: Set<String> = []

    package init() {}

    /// The alert status this capture calls for, or nil for no change.
    package mutating func update(suspects: [String]) -> Alert.Status? {
        let current = Set(suspects)
        defer { alerted = current }
        if !current.subtracting(alerted).isEmpty { return .firing }
        if current.isEmpty && !alerted.isEmpty { return .resolved }
        return nil
    }
}

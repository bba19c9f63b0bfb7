/// When the total reaches a limit (`--limit`, e.g. a container's memory or
/// GOMEMLIMIT) if it keeps growing at Sen's slope of the total, and how soon
/// each suspect alone would bring it there at its own slope.
public struct TrendProjection: Sendable {
    /// The limit in sample units.
    public var limit: Int64
    /// Seconds from the last snapshot until the total reaches the limit: 0
    /// when it already has, nil when it does not grow (or is not timed).
    public var etaSeconds: Double?
    /// Per suspect (in table order): the seconds until its growth alone
    /// takes the total to the limit; nil when it cannot.
    public var suspects: [(name: String, etaSeconds: Double?)]

    /// The projection for `limit`, or nil when no limit is given.
    public init?(_ view: TrendView, limit amount: TrendAmount?) throws(TrendGateError) {
        guard let amount else { return nil }
        limit = try amount.resolved(unit: view.sampleUnit, sampleType: view.sampleType, base: nil, option: "--limit")
        let last = view.total.stats.last
        etaSeconds = Self.eta(from: last, to: limit, perHour: view.total.stats.senPerHour)
        let target = limit
        suspects = view.suspects.map { node in (node.name, Self.eta(from: last, to: target, perHour: node.stats.senPerHour)) }
    }

    /// Seconds until `from` reaches `to` at `perHour`.
    static func eta(from value: Int64, to limit: Int64, perHour: Double?) -> Double? {
        if value >= limit { return 0 }
        guard let perHour, perHour > 0 else { return nil }
        return Double(limit &- value) / perHour * 3600
    }
}

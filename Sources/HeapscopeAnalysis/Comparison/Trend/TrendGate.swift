/// The gates of `heapscope trend`, as given on the command line.
public struct TrendGates: Sendable, Equatable {
    /// Breach when any node is growing (`--fail-on-growth`).
    public var failOnGrowth: Bool
    /// Breach when the last total exceeds the baseline by more (`--max-growth`).
    public var maxGrowth: TrendAmount?
    /// Breach when the total's Sen slope exceeds this (`--max-growth-rate`).
    public var maxGrowthRate: TrendRate?
    /// Project when the total reaches this; breach when it already has (`--limit`).
    public var limit: TrendAmount?
    /// Breach when the projection reaches the limit within this many hours
    /// (`--limit-within`).
    public var limitWithinHours: Double?

    public init(
        failOnGrowth: Bool = false, maxGrowth: TrendAmount? = nil, maxGrowthRate: TrendRate? = nil, limit: TrendAmount? = nil,
        limitWithinHours: Double? = nil
    ) {
        self.failOnGrowth = failOnGrowth
        self.maxGrowth = maxGrowth
        self.maxGrowthRate = maxGrowthRate
        self.limit = limit
        self.limitWithinHours = limitWithinHours
    }
}

/// A reason for `heapscope trend` to exit with the gate status.
public enum TrendBreach: Sendable {
    /// A node's verdict is growing (`--fail-on-growth`).
    case growing(TrendNode)
    /// The last total exceeds the baseline by `growth`, more than `limit` (`--max-growth`).
    case totalGrowth(growth: Int64, limit: Int64)
    /// The total grows by `perHour` (Sen's slope), more than `limitPerHour`.
    case growthRate(perHour: Double, limitPerHour: Double)
    /// The last total is at or above the `--limit`.
    case limitReached(total: Int64, limit: Int64)
    /// At Sen's slope the total reaches the `--limit` in `etaSeconds`, sooner
    /// than `--limit-within` (`withinSeconds`).
    case limitSoon(etaSeconds: Double, limit: Int64, withinSeconds: Double)
}

/// The CI gate of `heapscope trend`.
public enum TrendGate {
    /// The breaches of `view` under `gates`. Units are checked against the
    /// view's column; percentages are of the baseline.
    public static func breaches(_ view: TrendView, gates: TrendGates) throws(TrendGateError) -> [TrendBreach] {
        var breaches: [TrendBreach] = []
        if gates.failOnGrowth {
            breaches += view.suspects.map(TrendBreach.growing)
        }
        let total = view.total.stats
        if let maxGrowth = gates.maxGrowth {
            let limit = try maxGrowth.resolved(
                unit: view.sampleUnit, sampleType: view.sampleType, base: view.baseline, option: "--max-growth")
            let growth = total.last &- view.baseline
            if growth > limit { breaches.append(.totalGrowth(growth: growth, limit: limit)) }
        }
        if let rate = gates.maxGrowthRate {
            let limit = try rate.perHour(
                unit: view.sampleUnit, sampleType: view.sampleType, base: view.baseline, option: "--max-growth-rate")
            guard let perHour = total.senPerHour else { throw .untimed(option: "--max-growth-rate") }
            if perHour > limit { breaches.append(.growthRate(perHour: perHour, limitPerHour: limit)) }
        }
        if let projection = try TrendProjection(view, limit: gates.limit) {
            if total.last >= projection.limit {
                breaches.append(.limitReached(total: total.last, limit: projection.limit))
            } else if let hours = gates.limitWithinHours {
                guard total.senPerHour != nil else { throw .untimed(option: "--limit-within") }
                if let eta = projection.etaSeconds, eta <= hours * 3600 {
                    breaches.append(.limitSoon(etaSeconds: eta, limit: projection.limit, withinSeconds: hours * 3600))
                }
            }
        }
        return breaches
    }
}

/// A reason for `heapscope trend` to exit with the gate status.
public enum TrendBreach: Sendable {
    /// A node's verdict is growing (`--fail-on-growth`).
    case growing(TrendNode)
    /// The total grew by `delta`, more than `limit` (`--max-growth`).
    case totalGrowth(delta: Int64, limit: Int64)
}

/// The CI gate of `heapscope trend`.
public enum TrendGate {
    /// The breaches of `view`: every growing node when `failOnGrowth`, and
    /// the total's net growth when it exceeds `maxGrowth` (a percentage is of
    /// the first snapshot's total).
    public static func breaches(_ view: TrendView, failOnGrowth: Bool, maxGrowth: SizeLimit?) -> [TrendBreach] {
        var breaches: [TrendBreach] = []
        if failOnGrowth {
            breaches += view.suspects.map(TrendBreach.growing)
        }
        if let maxGrowth {
            let limit = maxGrowth.resolved(total: view.total.stats.first)
            if view.total.stats.delta > limit {
                breaches.append(.totalGrowth(delta: view.total.stats.delta, limit: limit))
            }
        }
        return breaches
    }
}

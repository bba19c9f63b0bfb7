/// One node across the snapshots.
public struct TrendNode: Sendable {
    /// The node's printable name (as top prints it, without ` (inline)`).
    public var name: String
    /// Every snapshot's values, warm-up included.
    public var flat: [Int64]
    public var cum: [Int64]
    /// The judged series: `flat` or `cum`, as the basis says (every snapshot).
    public var values: [Int64]
    /// The statistics of the judged part (after the warm-up).
    public var stats: TrendStats
    public var verdict: TrendVerdict
    /// One short sentence on why the verdict is what it is.
    public var reason: String
    /// Present for growing nodes.
    public var explanation: TrendExplanation?
}

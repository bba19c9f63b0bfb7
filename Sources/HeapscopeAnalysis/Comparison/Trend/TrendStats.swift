/// The statistics of one series (the part after the warm-up).
public struct TrendStats: Sendable, Equatable {
    public var first: Int64
    public var last: Int64
    /// last − first.
    public var delta: Int64
    public var min: Int64
    public var max: Int64
    /// Least-squares slope over time, per hour; nil when the snapshots are
    /// not all timed (or all share one time).
    public var slopePerHour: Double?
    /// Least-squares slope over the snapshot index.
    public var slopePerSnapshot: Double
    /// How many of the `intervals` consecutive pairs went up.
    public var grewIntervals: Int
    public var intervals: Int
    /// R² of the least-squares line (over time when timed, else over the
    /// index); 1 for a constant series.
    public var r2: Double
    /// Mann–Kendall confidence (corrected for autocorrelation) of a trend
    /// in the direction it points (0.5: no direction).
    public var confidence: Double
    /// Sen's slope per hour and its 95% range; nil when not timed.
    public var senPerHour: Double?
    public var slopeLowPerHour: Double?
    public var slopeHighPerHour: Double?

    /// The statistics of `values` at the given x positions: hours since the
    /// first snapshot (nil when not timed) and the snapshot index.
    public init(_ values: [Int64], hours: [Double]?, index: [Double]) {
        first = values.first ?? 0
        last = values.last ?? 0
        delta = last &- first
        min = values.min() ?? 0
        max = values.max() ?? 0
        let y = values.map(Double.init)
        grewIntervals = 0
        for i in values.indices.dropFirst() where values[i] > values[i - 1] { grewIntervals += 1 }
        intervals = Swift.max(values.count - 1, 0)
        let byIndex = LeastSquares(x: index, y: y)
        let byTime = hours.map { LeastSquares(x: $0, y: y) }
        slopePerHour = byTime?.slope
        slopePerSnapshot = byIndex.slope
        r2 = (byTime ?? byIndex).r2
        let trend = RobustTrend(values, x: hours ?? index)
        confidence = trend.mannKendall.confidence
        if hours != nil {
            let sen = trend.sen
            senPerHour = sen.slope
            slopeLowPerHour = sen.low
            slopeHighPerHour = sen.high
        }
    }
}

/// The robust trend of a series: the Mann–Kendall test corrected for
/// autocorrelation around Sen's line, and Sen's slope with a confidence range
/// from the corrected variance.
public struct RobustTrend: Sendable, Equatable {
    public var mannKendall: MannKendall
    public var sen: SenSlope

    /// The trend of `values` at positions `x` (hours or snapshot index).
    /// The pairwise slopes are built once; a level series (every value
    /// equal) needs none.
    public init(_ values: [Int64], x: [Double]) {
        let plain = MannKendall(values)
        var slopes = values.allSatisfy({ $0 == values.first }) ? [] : SenSlope.pairwiseSlopes(values, x: x)
        let slope = SenSlope.medianPartitioning(&slopes)
        let residuals = zip(values, x).map { Double($0) - slope * $1 }
        mannKendall = slopes.isEmpty ? plain : plain.correctedForAutocorrelation(residuals)
        sen = SenSlope(slope: slope, partitioned: &slopes, values: values, x: x, variance: mannKendall.variance)
    }

    private init(mannKendall: MannKendall, sen: SenSlope) {
        self.mannKendall = mannKendall
        self.sen = sen
    }

    /// The trend of the negated series: falling becomes rising.
    public var negated: RobustTrend {
        var test = mannKendall
        test.score = -test.score
        test.z = -test.z
        let mirrored = SenSlope(slope: -sen.slope, low: -sen.high, high: -sen.low, intercept: -sen.intercept)
        return RobustTrend(mannKendall: test, sen: mirrored)
    }
}

/// The robust trend of a series: the Mann–Kendall test corrected for
/// autocorrelation around Sen's line, and Sen's slope with a confidence range
/// from the corrected variance.
public struct RobustTrend: Sendable, Equatable {
    public var mannKendall: MannKendall
    public var sen: SenSlope

    /// The trend of `values` at positions `x` (hours or snapshot index).
    public init(_ values: [Int64], x: [Double]) {
        let plain = MannKendall(values)
        let first = SenSlope(values, x: x, variance: plain.variance)
        let residuals = zip(values, x).map { Double($0) - first.slope * $1 }
        mannKendall = plain.correctedForAutocorrelation(residuals)
        sen = mannKendall.variance == plain.variance ? first : SenSlope(values, x: x, variance: mannKendall.variance)
    }
}

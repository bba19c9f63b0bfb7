/// Sen's slope: the median of the slopes between every pair of snapshots,
/// with a confidence range from the Mann–Kendall variance (Gilbert 1987).
/// One outlier or dip moves a few of the pairwise slopes, not their median.
public struct SenSlope: Sendable, Equatable {
    /// The median pairwise slope, in value units per unit of x.
    public var slope: Double
    /// The 95% confidence range of the slope.
    public var low: Double
    public var high: Double
    /// The median of vᵢ − slope·xᵢ: the line is intercept + slope·x.
    public var intercept: Double

    public init(slope: Double, low: Double, high: Double, intercept: Double) {
        self.slope = slope
        self.low = low
        self.high = high
        self.intercept = intercept
    }

    /// Two-sided 95%: the normal quantile 1.96.
    static let quantile = 1.959963984540054

    /// Sen's slope of `values` at positions `x`; pairs with equal x are left
    /// out. `variance` is the Mann–Kendall variance of the same values.
    public init(_ values: [Int64], x: [Double], variance: Double) {
        var slopes = Self.pairwiseSlopes(values, x: x)
        let slope = Self.medianPartitioning(&slopes)
        self.init(slope: slope, partitioned: &slopes, values: values, x: x, variance: variance)
    }

    /// Sen's slope from `slopes`, the pairwise slopes already partitioned
    /// around their median `slope` (by `medianPartitioning`), so that the
    /// range is found in one half each: the pairs are built only once.
    init(slope: Double, partitioned slopes: inout [Double], values: [Int64], x: [Double], variance: Double) {
        self.slope = slope
        guard !slopes.isEmpty else {
            low = 0
            high = 0
            intercept = values.isEmpty ? 0 : Self.median(values.map(Double.init))
            return
        }
        let count = Double(slopes.count)
        let c = Self.quantile * variance.squareRoot()
        // 1-based ranks: the lower limit is the M1-th smallest slope, the
        // upper the (M2 + 1)-th, M1 = (N − C)/2 and M2 = (N + C)/2.
        let lowRank = Swift.min(Swift.max(Int(((count - c) / 2).rounded(.down)), 1), slopes.count)
        let highRank = Swift.min(Swift.max(Int(((count + c) / 2).rounded(.up)) + 1, 1), slopes.count)
        let middle = slopes.count / 2
        low = Self.select(&slopes, lowRank - 1, in: 0..<Swift.max(middle, lowRank))
        high = Self.select(&slopes, highRank - 1, in: Swift.min(middle, highRank - 1)..<slopes.count)
        intercept = Self.median(zip(values, x).map { Double($0) - slope * $1 })
    }

    /// The slopes between every pair of snapshots with different x.
    static func pairwiseSlopes(_ values: [Int64], x: [Double]) -> [Double] {
        var slopes: [Double] = []
        slopes.reserveCapacity(values.count * Swift.max(values.count - 1, 0) / 2)
        for i in values.indices {
            let (value, position) = (Double(values[i]), x[i])
            for j in (i + 1)..<Swift.max(values.count, i + 1) where x[j] != position {
                slopes.append((Double(values[j]) - value) / (x[j] - position))
            }
        }
        return slopes
    }

    /// The median of `values`, leaving them partitioned around the middle
    /// index (everything before it not larger, everything after not smaller).
    static func medianPartitioning(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let middle = values.count / 2
        let upper = select(&values, middle, in: 0..<values.count)
        guard values.count % 2 == 0 else { return upper }
        let lower = values[..<middle].max() ?? upper
        return (lower + upper) / 2
    }

    /// The median (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        var values = values
        return medianPartitioning(&values)
    }

    /// The k-th smallest (0-based) of `values` in linear expected time,
    /// looking only in `range` (which must hold it, as after a partition);
    /// reorders `values` so that everything before k is not larger.
    static func select(_ values: inout [Double], _ k: Int, in range: Range<Int>? = nil) -> Double {
        var low = range?.lowerBound ?? 0
        var high = (range?.upperBound ?? values.count) - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        return values[k]
    }
}

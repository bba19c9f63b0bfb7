/// The tunable thresholds of the verdicts.
public struct TrendThresholds: Sendable, Equatable {
    /// Noise floor as a fraction of the largest snapshot total.
    public var minGrowthFraction: Double
    /// Noise floor in sampling periods (the profile's `period`, Go's
    /// MemProfileRate); applies when the period and the column share a unit.
    public var noisePeriods: Double
    /// The least R² of the least-squares line for a steady climb with small
    /// drops (a climb that never drops needs none).
    public var minR2: Double
    /// The least Mann–Kendall confidence for a noisy climb judged as a whole.
    public var minConfidence: Double

    public init(minGrowthFraction: Double = 0.01, noisePeriods: Double = 2, minR2: Double = 0.5, minConfidence: Double = 0.99) {
        self.minGrowthFraction = minGrowthFraction
        self.noisePeriods = noisePeriods
        self.minR2 = minR2
        self.minConfidence = minConfidence
    }
}

/// Everything that decides how `heapscope trend` judges a series.
public struct TrendSettings: Sendable, Equatable {
    /// Judge flat or cum values.
    public var basis: TrendBasis
    public var thresholds: TrendThresholds
    /// The first snapshots (in time order) shown but not judged.
    public var warmup: Int
    /// How many of the first snapshots after the warm-up make the baseline
    /// (their mean) that `--max-growth` percentages refer to.
    public var baselineSnapshots: Int

    public init(basis: TrendBasis = .flat, thresholds: TrendThresholds = TrendThresholds(), warmup: Int = 0, baselineSnapshots: Int = 3) {
        self.basis = basis
        self.thresholds = thresholds
        self.warmup = warmup
        self.baselineSnapshots = baselineSnapshots
    }
}

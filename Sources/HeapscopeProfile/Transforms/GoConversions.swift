extension Int64 {
    /// Converts `value` the way Go's `int64(f)` does for finite in-range
    /// values (truncation toward zero), saturating at the bounds instead of
    /// trapping; NaN and infinities become 0.
    public init(goTruncating value: Double) {
        if !value.isFinite {
            self = 0
        } else if value >= 9.2233720368547758e18 {
            self = .max
        } else if value <= -9.2233720368547758e18 {
            self = .min
        } else {
            self.init(value)
        }
    }
}

/// The verdict rules of `heapscope trend` (docs/trend.md, "Verdicts"): a
/// series is judged with changes up to the noise floor counting as noise.
struct TrendRule: Sendable {
    /// The noise floor F, in sample units.
    var floor: Int64
    var thresholds: TrendThresholds
    /// The sample unit, for the reasons' numbers.
    var unit: String

    /// How a series rose.
    enum Rise {
        /// Net growth above F without a drop above F, and a straight line
        /// fits (or it never dropped at all).
        case steady(grew: Int, intervals: Int, r2: Double, monotone: Bool)
        /// Mann–Kendall confident of a rise, Sen's line rises above F even
        /// at the low end of its range, and the series' own levels rise: its
        /// last quarter sits above its first by more than 2 F (`gap`) and its
        /// lower envelope does not fall.
        case robust(confidence: Double, rise: Double, gap: Int64)
    }

    /// The verdict and a one-sentence reason for `values` at positions `x`;
    /// `trend` is their robust trend when already known.
    func judge(_ values: [Int64], x: [Double], trend known: RobustTrend? = nil) -> (TrendVerdict, String) {
        guard let first = values.first, let last = values.last else { return (.stable, "no values") }
        if first == 0 && last != 0 {
            // Judge the part since the node appeared: a site that appears and
            // keeps climbing is growing, one that appears and holds is new.
            let start = values.firstIndex { $0 != 0 } ?? 0
            let since = Array(values[start...])
            let at = Array(x[start...])
            if since.count >= 2, let rise = rise(since, x: at) {
                return plateau(since, x: at, offset: start) ?? (.growing, describe(rise, appearedAt: start))
            }
            // It appeared, filled up and held (a cache warming up).
            if let plateau = plateau(since, x: at, offset: start, climbFirst: true) { return plateau }
            return (.new, "absent from the first snapshot, present from snapshot \(start + 1) and not growing since")
        }
        if first != 0 && last == 0 {
            return (.gone, "present in the first snapshot, absent from the last")
        }
        let trend = known ?? (values.count >= Self.robustMinimum ? RobustTrend(values, x: x) : nil)
        if let rise = steadyRise(values, x: x) ?? robustRise(values, x: x, trend: trend) {
            return plateau(values, x: x, offset: 0) ?? (.growing, describe(rise, appearedAt: nil))
        }
        // Mostly level, but it climbed to that level first.
        if let plateau = plateau(values, x: x, offset: 0, climbFirst: true) { return plateau }
        let negated = values.map { 0 &- $0 }
        if steadyRise(negated, x: x) ?? robustRise(negated, x: x, trend: trend?.negated) != nil {
            return (.shrinking, "fell by \(label(first &- last)), steadily")
        }
        let spread = (values.max() ?? 0) &- (values.min() ?? 0)
        if spread <= floor {
            return (.stable, "every value within the noise floor (\(label(floor))) of every other")
        }
        return (.fluctuating, "moves by \(label(spread)) but not steadily one way")
    }

    /// How `values` rose, or nil when they did not rise steadily enough.
    func rise(_ values: [Int64], x: [Double]) -> Rise? {
        steadyRise(values, x: x) ?? robustRise(values, x: x)
    }

    /// Net growth above F without a drop above F, and a straight line fits
    /// (or it never dropped at all).
    func steadyRise(_ values: [Int64], x: [Double]) -> Rise? {
        guard values.count >= 2, let first = values.first, let last = values.last else { return nil }
        if last &- first > floor {
            var dropped = false
            var droppedAboveFloor = false
            var grew = 0
            for i in values.indices.dropFirst() {
                let change = values[i] &- values[i - 1]
                if change > 0 { grew += 1 }
                if change < 0 { dropped = true }
                if 0 &- change > floor { droppedAboveFloor = true }
            }
            if !droppedAboveFloor {
                let r2 = LeastSquares(x: x, y: values.map(Double.init)).r2
                if !dropped || r2 >= thresholds.minR2 {
                    return .steady(grew: grew, intervals: values.count - 1, r2: r2, monotone: !dropped)
                }
            }
        }
        return nil
    }

    /// Mann–Kendall confident of a rise, Sen's line rises above F even at
    /// the low end of its range, and the series' own levels rise: the low of
    /// its last quarter is above the high of its first by more than 2 F, and
    /// its lower envelope does not fall by more than F (`SeriesLevels`).
    func robustRise(_ values: [Int64], x: [Double], trend known: RobustTrend? = nil) -> Rise? {
        guard values.count >= Self.robustMinimum, let start = x.first, let end = x.last, end > start else { return nil }
        let trend = known ?? RobustTrend(values, x: x)
        let mannKendall = trend.mannKendall
        let sen = trend.sen
        guard mannKendall.score > 0, mannKendall.risingConfidence >= thresholds.minConfidence else { return nil }
        let span = end - start
        guard sen.low * span > Double(floor) else { return nil }
        let levels = SeriesLevels(values)
        guard levels.gap > Self.levelGapFloors * floor, levels.envelopeHolds(tolerance: floor) else { return nil }
        return .robust(confidence: mannKendall.risingConfidence, rise: sen.slope * span, gap: levels.gap)
    }

    /// The fewest snapshots the robust test judges.
    static let robustMinimum = 4

    /// By how many noise floors the last quarter's low must be above the
    /// first quarter's high for a robust climb: a level series that wanders
    /// (a TTL cache) came within one F of it.
    static let levelGapFloors: Int64 = 2

    /// How many noise floors the climb's pace must have added over a level
    /// for it to count as a plateau. F is at least two sampling periods, so
    /// a leak sampled at random keeps growing over such a stretch but for a
    /// chance of about e⁻¹⁶.
    static let plateauPaceFloors = 8.0

    /// `plateau` when the series reached a level and held it: the level is
    /// the median of the last quarter; from the first snapshot within F of
    /// it, the rest (at least a quarter of the series, and longer than any
    /// earlier flat stretch, so a staircase is not one) does not rise and
    /// its second half is not higher than its first.
    /// With `climbFirst`, the part up to the level must rise by itself
    /// (the series as a whole did not).
    func plateau(_ values: [Int64], x: [Double], offset: Int, climbFirst: Bool = false) -> (TrendVerdict, String)? {
        let count = values.count
        let minimumTail = Swift.max(3, (count + 3) / 4)
        guard count >= 2 * minimumTail else { return nil }
        let last = Array(values.suffix(minimumTail))
        let level = Self.median(last)
        let tolerance = Swift.max(floor, Measurement.truncate(2 * Self.noise(last)))
        guard let reached = values.firstIndex(where: { $0 >= level &- tolerance }), reached > 0 else { return nil }
        if climbFirst {
            guard reached >= 3, rise(Array(values[...reached]), x: Array(x[...reached])) != nil else { return nil }
        }
        let tail = Array(values[reached...])
        let tailX = Array(x[reached...])
        // Still climbing: steadily over its last two thirds (its start may be
        // up to the tolerance below the level), or as a whole by the robust test.
        let lastTwoThirds = tail.count / 3
        guard tail.count >= minimumTail, values[reached] &- values[0] > floor,
            steadyRise(Array(tail[lastTwoThirds...]), x: Array(tailX[lastTwoThirds...])) == nil,
            robustRise(tail, x: tailX) == nil,
            tail.count > Self.longestFlatStretch(values[..<reached], floor: floor)
        else { return nil }
        // The level holds: the second half of the rest is not higher than
        // the first by more than the floor, twice the snapshot-to-snapshot
        // noise, or the scatter around the rest's own Sen line.
        let half = tail.count / 2
        let climb = Self.median(Array(tail.suffix(half))) &- Self.median(Array(tail.prefix(half)))
        let allowed = [Double(floor), 2 * Self.noise(tail), Self.scatter(tail, x: tailX)].max() ?? 0
        guard Double(climb) <= allowed else { return nil }
        // It levelled off: its Sen slope is at most a quarter of the average
        // slope of the climb to the level (a slow leak keeps its pace).
        let climbSlope = Double(values[reached] &- values[0]) / Swift.max(x[reached] - x[0], .leastNonzeroMagnitude)
        guard SenSlope(tail, x: tailX, variance: 0).slope <= climbSlope / 4 else { return nil }
        // It held long enough that the climb's pace would have added
        // `plateauPaceFloors` noise floors: a real level, not a pause between
        // sampled allocations of a slow leak.
        let paceGrowth = Double(values[reached] &- values[0]) / Double(reached) * Double(tail.count)
        guard paceGrowth >= Self.plateauPaceFloors * Double(floor) else { return nil }
        // And it ends at the level: the median of the rest's last third is
        // not above it by more than the floor or twice the noise.
        let end = Self.median(Array(tail.suffix(Swift.max(1, tail.count / 3))))
        guard Double(end &- level) <= Swift.max(Double(floor), 2 * Self.noise(tail)) else { return nil }
        return (
            .plateau,
            "grew by \(label(values[reached] &- values[0])) up to snapshot \(offset + reached + 1), "
                + "then held at about \(label(level)) for \(tail.count) snapshots without growing"
        )
    }

    func describe(_ rise: Rise, appearedAt start: Int?) -> String {
        let since = start.map { " since it appeared in snapshot \($0 + 1)" } ?? ""
        switch rise {
        case .steady(let grew, let intervals, let r2, let monotone):
            let shape = monotone ? "never dropped" : "no drop above the noise floor, R² \(Self.twoDecimals(r2))"
            return "rose in \(grew) of \(intervals) intervals\(since), \(shape)"
        case .robust(let confidence, let rise, let gap):
            return "rises (Mann–Kendall \(MannKendall.percentText(confidence)))\(since); Sen's line climbs "
                + "\(label(Measurement.truncate(rise))) and the last quarter sits \(label(gap)) above the first"
        }
    }

    func label(_ value: Int64) -> String { Measurement.label(value, unit: unit) }

    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// How far the values scatter around their Sen line: the 90th minus the
    /// 10th percentile of the residuals.
    static func scatter(_ values: [Int64], x: [Double]) -> Double {
        let slope = SenSlope(values, x: x, variance: 0).slope
        let residuals = zip(values, x).map { Double($0) - slope * $1 }.sorted()
        return quantile(residuals, 0.9) - quantile(residuals, 0.1)
    }

    /// The q-quantile of sorted values (nearest rank).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = Swift.min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count - 1)).rounded())))
        return sorted[index]
    }

    static func median(_ values: [Int64]) -> Int64 {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }

    /// The noise of a series from one snapshot to the next: the median
    /// absolute difference of consecutive values, scaled to a standard
    /// deviation (× 1.4826 / √2). Steps and flat stretches give about 0.
    static func noise(_ values: [Int64]) -> Double {
        let differences = zip(values.dropFirst(), values).map { magnitude($0 &- $1) }
        return Double(median(differences)) * 1.4826 / 2.0.squareRoot()
    }

    /// The longest run of consecutive values that stay within `floor` of
    /// each other (runs taken greedily from the start).
    static func longestFlatStretch(_ values: ArraySlice<Int64>, floor: Int64) -> Int {
        var longest = 0
        var runStart = values.startIndex
        var low = Int64.max
        var high = Int64.min
        for i in values.indices {
            low = Swift.min(low, values[i])
            high = Swift.max(high, values[i])
            if high &- low > floor {
                runStart = i
                low = values[i]
                high = values[i]
            }
            longest = Swift.max(longest, i - runStart + 1)
        }
        return longest
    }
}

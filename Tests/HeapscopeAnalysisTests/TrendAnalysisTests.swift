import HeapscopeProfile
import Testing

@testable import HeapscopeAnalysis

/// The verdict rules on hand-made series.
@Suite("trend verdicts")
struct TrendAnalysisTests {
    static func verdict(_ values: [Int64], floor: Int64 = 10, minR2: Double = 0.5) -> TrendVerdict {
        let rule = TrendRule(floor: floor, thresholds: TrendThresholds(minR2: minR2), unit: "bytes")
        return rule.judge(values, x: values.indices.map(Double.init)).0
    }

    @Test func verdicts() {
        #expect(Self.verdict([100, 200, 300, 400, 500, 600]) == .growing)
        // Steps: flat stretches between jumps, as a map's bucket array doubles.
        #expect(Self.verdict([100, 100, 200, 200, 400, 400]) == .growing)
        // Small sampling wobble (below the floor) inside a climb.
        #expect(Self.verdict([100, 205, 198, 300, 420, 415]) == .growing)
        #expect(Self.verdict([600, 500, 400, 300, 200, 100]) == .shrinking)
        #expect(Self.verdict([100, 300, 100, 300, 100, 300]) == .fluctuating)
        #expect(Self.verdict([0, 0, 0, 200, 200, 200]) == .new)
        #expect(Self.verdict([0, 0, 100, 200, 300, 400]) == .growing)
        #expect(Self.verdict([0, 0, 0, 0, 0, 200]) == .new)
        #expect(Self.verdict([200, 200, 200, 0, 0, 0]) == .gone)
        #expect(Self.verdict([100, 105, 98, 103, 100, 102]) == .stable)
        #expect(Self.verdict([0, 0, 0]) == .stable)
        // Climbing, but by less than the floor in total.
        #expect(Self.verdict([100, 102, 104, 106, 108, 110], floor: 10) == .stable)
        #expect(Self.verdict([100, 102, 104, 106, 108, 110], floor: 5) == .growing)
        // A drop larger than the floor breaks a short climb.
        #expect(Self.verdict([100, 200, 150, 300, 400, 500]) == .fluctuating)
        // Two snapshots: a plain difference.
        #expect(Self.verdict([100, 200]) == .growing)
        #expect(Self.verdict([100, 105]) == .stable)
    }

    /// Changed by issue 9: a series that only ever rose is growing, whatever
    /// its R² (it was fluctuating below --min-r2).
    @Test func onlyEverRoseIsGrowing() {
        #expect(Self.verdict([100, 100, 100, 100, 800], minR2: 0.6) == .growing)
        #expect(Self.verdict([100, 100, 100, 100, 100, 100, 100, 800], minR2: 0.9) == .growing)
        // With a small drop, R² decides.
        #expect(Self.verdict([100, 100, 95, 100, 800], minR2: 0.45) == .growing)
        #expect(Self.verdict([100, 100, 95, 100, 800], minR2: 0.5) == .fluctuating)
    }

    /// A long climb with dips far above the floor (a map's old bucket array
    /// freed at once, sampling jitter): the robust test calls it growing.
    @Test func noisyClimbIsGrowing() {
        let wobble: [Int64] = [0, 45, -45, 30, -30]
        let climb = (0..<40).map { 1000 + 10 * Int64($0) + wobble[$0 % 5] }
        #expect(Self.verdict(climb, floor: 20) == .growing)
        // The same wobble without the climb is not.
        let level = (0..<40).map { 1000 + wobble[$0 % 5] }
        #expect(Self.verdict(level, floor: 20) == .fluctuating)
        let rule = TrendRule(floor: 20, thresholds: TrendThresholds(), unit: "bytes")
        let (_, reason) = rule.judge(climb, x: climb.indices.map(Double.init))
        #expect(reason.hasPrefix("rises (Mann–Kendall 99.9%); Sen's line climbs"))
    }

    @Test func plateau() {
        // Grew, then held for more than a quarter of the series.
        let warm: [Int64] = [10, 30, 50, 70, 90, 100, 100, 100, 101, 100, 99, 100]
        #expect(Self.verdict(warm, floor: 5) == .plateau)
        let rule = TrendRule(floor: 5, thresholds: TrendThresholds(), unit: "bytes")
        #expect(
            rule.judge(warm, x: warm.indices.map(Double.init)).1
                == "grew by 90B up to snapshot 6, then held at about 100B for 7 snapshots without growing")
        // Appeared, filled up, held: plateau too (not new, not growing).
        #expect(Self.verdict([0, 0, 40, 80, 100, 100, 100, 100, 100, 100], floor: 5) == .plateau)
        // A staircase whose last stair is no longer than the ones before is still climbing.
        #expect(Self.verdict([10, 10, 10, 20, 20, 20, 40, 40, 40, 80, 80, 80], floor: 5) == .growing)
        // Still climbing after the level: growing.
        #expect(Self.verdict([10, 30, 50, 70, 90, 100, 108, 116, 124, 132, 140, 148], floor: 5) == .growing)
        // Too short to tell.
        #expect(Self.verdict([10, 50, 100, 100], floor: 5) == .growing)
        // Mostly level after a climb that the whole series does not show as a rise.
        let long = [Int64(10), 20, 30, 28, 40] + Array(repeating: 40, count: 30)
        #expect(Self.verdict(long, floor: 3) == .plateau)
    }

    /// Series written by Fixtures/generators/trendseries at the default
    /// MemProfileRate, in sampling periods (512 KiB), noise floor 2 periods,
    /// one snapshot per step.
    @Test func generatedSeries() {
        // A TTL cache at steady state that wandered up by chance: Mann–Kendall
        // 99.99%, Sen's line climbing, but its quarters overlap (ttl, seed 1,
        // 100 snapshots; the last quarter's low is 1 F above the first's high).
        let ttl: [Int64] = [
            37, 38, 40, 38, 39, 41, 45, 41, 45, 40, 43, 42, 42, 39, 39, 38, 39, 34, 31, 33, 36, 37, 42, 42, 44,
            46, 49, 54, 54, 55, 56, 56, 54, 51, 49, 46, 43, 40, 36, 37, 38, 46, 50, 51, 50, 51, 53, 53, 47, 49,
            47, 47, 46, 49, 48, 46, 46, 49, 48, 46, 45, 47, 46, 46, 46, 47, 47, 47, 48, 48, 49, 52, 48, 43, 43,
            46, 45, 44, 47, 51, 51, 49, 52, 51, 51, 49, 53, 55, 55, 54, 58, 54, 53, 58, 55, 55, 55, 52, 47, 51,
        ]
        let rule = TrendRule(floor: 2, thresholds: TrendThresholds(), unit: "bytes")
        #expect(rule.robustRise(ttl, x: ttl.indices.map(Double.init)) == nil)
        #expect(Self.verdict(ttl, floor: 2) != .growing)
        // Another one, 50 snapshots: its last quarter is far above its first,
        // but its lower envelope falls in the middle.
        let wander: [Int64] = [
            37, 38, 34, 34, 37, 38, 36, 33, 36, 39, 39, 43, 42, 46, 47, 49, 47, 47, 46, 45, 46, 43, 47, 46, 44,
            46, 43, 42, 39, 41, 37, 41, 47, 51, 49, 49, 47, 55, 59, 60, 59, 63, 64, 67, 64, 61, 60, 56, 60, 58,
        ]
        #expect(SeriesLevels(wander).gap > 2 * 2)
        #expect(Self.verdict(wander, floor: 2) != .growing)
        // A map that doubles six times, holding old and new bucket arrays
        // while it evacuates, then dropping the old: each dip lands higher
        // (evacuate, seed 5, 200 snapshots, as value and run length).
        let runs: [(Int64, Int)] = [
            (2, 13), (5, 5), (3, 29), (9, 5), (6, 26), (17, 5), (11, 9), (12, 4), (11, 8), (12, 3), (13, 1),
            (12, 3), (34, 5), (22, 22), (23, 5), (24, 1), (25, 1), (70, 3), (71, 2), (46, 1), (45, 16), (46, 1),
            (47, 5), (48, 1), (49, 2), (50, 2), (139, 5), (89, 10), (90, 3),
        ]
        let map = runs.flatMap { Array(repeating: $0.0, count: $0.1) }
        #expect(Self.verdict(map, floor: 2) == .growing)
        // Slow leaks, about one sample every three snapshots, that paused
        // near the end: still growing, not a plateau (closure, seed 4, and
        // linear, seed 5, 50 snapshots).
        let closure: [Int64] = [
            0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 3, 4, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 9, 9, 8,
            8, 8, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 12, 12, 12, 12, 12, 11,
        ]
        #expect(Self.verdict(closure, floor: 2) == .growing)
        let linear: [Int64] = [
            0, 1, 1, 3, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9,
            10, 10, 12, 12, 12, 12, 12, 12, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 14, 14, 14, 14,
        ]
        #expect(Self.verdict(linear, floor: 2) == .growing)
    }

    @Test func stats() {
        // Snapshots 30 minutes apart: 10 units per half hour is 20 per hour.
        let stats = TrendStats([10, 20, 20, 40], hours: [0, 0.5, 1, 1.5], index: [0, 1, 2, 3])
        #expect(stats.first == 10)
        #expect(stats.last == 40)
        #expect(stats.delta == 30)
        #expect(stats.min == 10 && stats.max == 40)
        #expect(stats.grewIntervals == 2)
        #expect(stats.intervals == 3)
        // Least squares on (0,10) (1,20) (2,20) (3,40): slope 9 per snapshot.
        #expect(abs(stats.slopePerSnapshot - 9) < 1e-12)
        #expect(abs((stats.slopePerHour ?? 0) - 18) < 1e-9)
        // Pairwise slopes per hour 20, 10, 20, 0, 20, 40: Sen's slope 20.
        #expect(stats.senPerHour == 20)
        #expect((stats.slopeLowPerHour ?? 99) <= 20 && (stats.slopeHighPerHour ?? 0) >= 20)
        #expect(stats.confidence > 0.9)
        let untimed = TrendStats([10, 20], hours: nil, index: [0, 1])
        #expect(untimed.slopePerHour == nil)
        #expect(untimed.senPerHour == nil && untimed.slopeLowPerHour == nil && untimed.slopeHighPerHour == nil)
        #expect(untimed.slopePerSnapshot == 10)
    }

    @Test func noiseFloorUsesTotalAndPeriod() {
        var profile = Profile()
        profile.periodType = .init(type: "space", unit: "bytes")
        profile.period = 524288
        let thresholds = TrendThresholds(minGrowthFraction: 0.01, noisePeriods: 2, minR2: 0.5)
        // 1% of 10 MiB is less than two periods.
        #expect(TrendView.noiseFloor(maxTotal: 10 << 20, profile: profile, sampleUnit: "bytes", thresholds: thresholds) == 1 << 20)
        #expect(TrendView.noiseFloor(maxTotal: 1 << 30, profile: profile, sampleUnit: "bytes", thresholds: thresholds) == (1 << 30) / 100)
        // The period is in bytes: it does not apply to object counts.
        #expect(TrendView.noiseFloor(maxTotal: 1000, profile: profile, sampleUnit: "count", thresholds: thresholds) == 10)
    }

    @Test func amountsAndRates() throws {
        #expect(TrendAmount("25%") == TrendAmount(value: 25, kind: .percent))
        #expect(TrendAmount("10MB") == TrendAmount(value: 10 * 1024 * 1024, kind: .bytes))
        #expect(TrendAmount("2048") == TrendAmount(value: 2048, kind: .number))
        #expect(TrendAmount("lots") == nil)
        #expect(TrendRate("50%/day") == TrendRate(amount: TrendAmount(value: 50, kind: .percent), hours: 24))
        #expect(TrendRate("100MB/h")?.hours == 1)
        #expect(TrendRate("10MB/30min")?.hours == 0.5)
        #expect(TrendRate("10MB") == nil)
        #expect(TrendRate("10MB/fortnight") == nil)
        #expect(try TrendAmount("10MB")?.resolved(unit: "bytes", sampleType: "inuse_space", base: nil, option: "--x") == 10 << 20)
        #expect(try TrendAmount("10%")?.resolved(unit: "bytes", sampleType: "inuse_space", base: 500, option: "--x") == 50)
        #expect(throws: TrendGateError.unitMismatch(option: "--x", sampleType: "inuse_objects", unit: "count")) {
            try TrendAmount("10MB")?.resolved(unit: "count", sampleType: "inuse_objects", base: 1, option: "--x")
        }
        #expect(throws: TrendGateError.percentNotAllowed(option: "--x")) {
            try TrendAmount("10%")?.resolved(unit: "count", sampleType: "inuse_objects", base: nil, option: "--x")
        }
    }
}

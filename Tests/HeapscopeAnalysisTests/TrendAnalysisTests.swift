import Testing
import HeapscopeProfile
@testable import HeapscopeAnalysis

/// The verdict rules and the least-squares statistics on hand-made series.
@Suite("trend verdicts and statistics")
struct TrendAnalysisTests {
    static let x = (0..<6).map(Double.init)

    static func verdict(_ values: [Int64], floor: Int64 = 10, minR2: Double = 0.5) -> TrendVerdict {
        TrendView.verdict(values, x: Array(x.prefix(values.count)), floor: floor, minR2: minR2)
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
        // A drop larger than the floor breaks a climb.
        #expect(Self.verdict([100, 200, 150, 300, 400, 500]) == .fluctuating)
        // One late jump: R² is exactly 0.5.
        #expect(Self.verdict([100, 100, 100, 100, 800], minR2: 0.5) == .growing)
        #expect(Self.verdict([100, 100, 100, 100, 800], minR2: 0.6) == .fluctuating)
        // Two snapshots: a plain difference.
        #expect(Self.verdict([100, 200]) == .growing)
        #expect(Self.verdict([100, 105]) == .stable)
    }

    @Test func leastSquares() {
        // y = 3x + 1 exactly.
        let exact = TrendView.fit(x: [0, 1, 2, 3], y: [1, 4, 7, 10])
        #expect(exact.slope == 3)
        #expect(exact.r2 == 1)
        // y = 1, 1, 2, 2, 4: slope 0.7, R² = 4.9 / 6.
        let steps = TrendView.fit(x: [0, 1, 2, 3, 4], y: [1, 1, 2, 2, 4])
        #expect(abs(steps.slope - 0.7) < 1e-12)
        #expect(abs(steps.r2 - 4.9 / 6) < 1e-12)
        #expect(TrendView.fit(x: [0, 1, 2], y: [5, 5, 5]) == (0, 1))
        #expect(TrendView.fit(x: [2, 2], y: [1, 5]) == (0, 0))
    }

    @Test func stats() {
        // Snapshots 30 minutes apart: 10 units per half hour is 20 per hour.
        let stats = TrendView.stats([10, 20, 20, 40], hours: [0, 0.5, 1, 1.5], index: [0, 1, 2, 3])
        #expect(stats.first == 10)
        #expect(stats.last == 40)
        #expect(stats.delta == 30)
        #expect(stats.min == 10 && stats.max == 40)
        #expect(stats.grewIntervals == 2)
        #expect(stats.intervals == 3)
        // Least squares on (0,10) (1,20) (2,20) (3,40): slope 9 per snapshot.
        #expect(abs(stats.slopePerSnapshot - 9) < 1e-12)
        #expect(abs((stats.slopePerHour ?? 0) - 18) < 1e-9)
        let untimed = TrendView.stats([10, 20], hours: nil, index: [0, 1])
        #expect(untimed.slopePerHour == nil)
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
}

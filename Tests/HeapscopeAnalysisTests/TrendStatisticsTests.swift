import Testing

@testable import HeapscopeAnalysis

/// Mann–Kendall, Sen's slope and least squares against values worked out by hand.
@Suite("trend statistics")
struct TrendStatisticsTests {
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) < tolerance }

    @Test func mannKendallWithoutTies() {
        // 1…5: every one of the 10 pairs rises. Var = 5·4·15/18, z = (10 − 1)/√Var.
        let test = MannKendall([1, 2, 3, 4, 5])
        #expect(test.score == 10)
        #expect(Self.close(test.variance, 300.0 / 18))
        #expect(Self.close(test.z, 9 / (300.0 / 18).squareRoot()))
        #expect(Self.close(test.risingConfidence, 0.9862568319442448, 1e-12))
        #expect(Self.close(test.confidence, test.risingConfidence))
    }

    @Test func mannKendallWithTies() {
        // 1, 1, 2, 2, 4: 8 rising pairs, 2 tied; two groups of two ties take
        // 2·(2·1·9) off 5·4·15: Var = 264/18, z = 7/√Var.
        let test = MannKendall([1, 1, 2, 2, 4])
        #expect(test.score == 8)
        #expect(Self.close(test.variance, 264.0 / 18))
        #expect(Self.close(test.z, 7 / (264.0 / 18).squareRoot()))
    }

    @Test func mannKendallFallingAndLevel() {
        // 3, 1, 2: two falling pairs, one rising: S = −1, z = 0.
        let mixed = MannKendall([3, 1, 2])
        #expect(mixed.score == -1)
        #expect(mixed.z == 0)
        #expect(mixed.confidence == 0.5)
        let falling = MannKendall([5, 4, 3, 2, 1])
        #expect(falling.score == -10)
        #expect(Self.close(falling.fallingConfidence, 0.9862568319442448, 1e-12))
        #expect(falling.confidence == falling.fallingConfidence)
        let level = MannKendall([7, 7, 7, 7])
        #expect(level.score == 0 && level.variance == 0 && level.z == 0)
    }

    @Test func autocorrelationWidensTheVariance() {
        // Residuals 1…12 have rank autocorrelation 0.769 at lag 1, 0.545 at
        // lag 2 and 0.329 at lag 3 (others below 1.96/√12): n/n* = 2.125.
        #expect(Self.close(MannKendall.varianceRatio((1...12).map(Double.init)), 2.125))
        // Alternating residuals: negative autocorrelation never narrows it.
        #expect(MannKendall.varianceRatio((0..<12).map { $0 % 2 == 0 ? 1.0 : -1.0 }) == 1)
        let plain = MannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        let corrected = plain.correctedForAutocorrelation((1...12).map(Double.init))
        #expect(Self.close(corrected.variance, plain.variance * 2.125))
        #expect(corrected.z < plain.z)
    }

    @Test func senSlope() {
        // 1, 2, 4, 8 at 0…3: pairwise slopes 1, 1.5, 2, 7/3, 3, 4; the median
        // is (2 + 7/3)/2. With Var = 4·3·13/18, C = 1.96·√Var = 5.77: the
        // ranks (6 − C)/2 and (6 + C)/2 + 1 are clamped to 1 and 6.
        let sen = SenSlope([1, 2, 4, 8], x: [0, 1, 2, 3], variance: 156.0 / 18)
        #expect(Self.close(sen.slope, (2 + 7.0 / 3) / 2))
        #expect(sen.low == 1)
        #expect(sen.high == 4)
        // Residuals 1, −1/6, −1/3, 3/2: the median is (−1/6 + 1)/2.
        #expect(Self.close(sen.intercept, (1 - 1.0 / 6) / 2))
    }

    @Test func senSlopeIgnoresAnOutlier() {
        // A straight line of slope 10 with one wild value: the median of the
        // pairwise slopes stays 10; least squares does not.
        let values: [Int64] = [0, 10, 20, 30, 400, 50, 60, 70, 80, 90]
        let x = (0..<10).map(Double.init)
        let sen = SenSlope(values, x: x, variance: MannKendall(values).variance)
        #expect(sen.slope == 10)
        #expect(sen.low <= 10 && sen.high >= 10)
        #expect(LeastSquares(x: x, y: values.map(Double.init)).slope != 10)
        // Equal x are left out: no slope at all gives 0.
        #expect(SenSlope([1, 5], x: [2, 2], variance: 1).slope == 0)
    }

    @Test func selectFindsTheKthSmallest() {
        var values: [Double] = [5, 3, 9, 1, 7, 3, 8]
        for k in 0..<values.count {
            #expect(SenSlope.select(&values, k) == [1, 3, 3, 5, 7, 8, 9][k])
        }
        #expect(SenSlope.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func leastSquares() {
        // y = 3x + 1 exactly.
        let exact = LeastSquares(x: [0, 1, 2, 3], y: [1, 4, 7, 10])
        #expect(exact.slope == 3)
        #expect(exact.r2 == 1)
        // y = 1, 1, 2, 2, 4: slope 0.7, R² = 4.9 / 6.
        let steps = LeastSquares(x: [0, 1, 2, 3, 4], y: [1, 1, 2, 2, 4])
        #expect(Self.close(steps.slope, 0.7))
        #expect(Self.close(steps.r2, 4.9 / 6))
        #expect(LeastSquares(x: [0, 1, 2], y: [5, 5, 5]) == LeastSquares(x: [0], y: [0]))
        #expect(LeastSquares(x: [2, 2], y: [1, 5]).r2 == 0)
    }

    @Test func seriesLevels() {
        // 8 values, quarters of 2: lows (10th percentile, nearest rank) are
        // the smaller of each pair, highs the larger.
        let levels = SeriesLevels([1, 3, 2, 5, 4, 6, 9, 8])
        #expect(levels.quarterLows == [1, 2, 4, 8])
        #expect(levels.quarterHighs == [3, 5, 6, 9])
        #expect(levels.gap == 8 - 3)
        // Under 32 values the envelope is the quarters' lows.
        #expect(levels.envelope == levels.quarterLows)
        #expect(levels.envelopeHolds(tolerance: 0))
        // A dip in the third quarter: the envelope falls by 2.
        let dip = SeriesLevels([1, 3, 4, 5, 2, 2, 9, 8])
        #expect(dip.envelope == [1, 4, 2, 8])
        #expect(!dip.envelopeHolds(tolerance: 1))
        #expect(dip.envelopeHolds(tolerance: 2))
        // Quarters that overlap: a negative gap.
        #expect(SeriesLevels([5, 1, 5, 1, 5, 1, 5, 1]).gap == 1 - 5)
        // 10 values: quarters of 2, 3, 2 and 3 (i·10/4 to (i+1)·10/4).
        #expect(SeriesLevels(Array(1...10)).quarterHighs == [2, 5, 7, 10])
        // From 32 values on, the envelope has eight parts.
        let long = SeriesLevels((0..<32).map { Int64($0 / 4) })
        #expect(long.envelope == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(SeriesLevels([1, 2, 3]) == SeriesLevels([]))
        #expect(SeriesLevels([1, 2, 3]).gap == 0)
    }
}

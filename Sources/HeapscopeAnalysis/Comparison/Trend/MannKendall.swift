import Foundation

/// The Mann–Kendall trend test: over every pair of snapshots (earlier,
/// later), count +1 when the later value is higher and −1 when it is lower.
/// A series that keeps rising scores near the number of pairs; a level or
/// noisy one scores near 0, whatever its dips and outliers.
public struct MannKendall: Sendable, Equatable {
    /// The score S: rising pairs minus falling pairs.
    public var score: Int
    /// The variance of S when there is no trend, corrected for ties.
    public var variance: Double
    /// (S − 1)/√variance for S > 0, (S + 1)/√variance for S < 0, else 0.
    public var z: Double

    /// Scores `values`, in series order.
    public init(_ values: [Int64]) {
        let n = values.count
        var score = 0
        for i in 0..<n {
            let value = values[i]
            for j in (i + 1)..<Swift.max(n, i + 1) {
                if values[j] > value { score += 1 } else if values[j] < value { score -= 1 }
            }
        }
        var ties: [Int64: Int] = [:]
        for value in values { ties[value, default: 0] += 1 }
        func term(_ t: Int) -> Double { Double(t) * Double(t - 1) * Double(2 * t + 5) }
        let tieTerm = ties.values.filter { $0 > 1 }.reduce(0.0) { $0 + term($1) }
        let variance = Swift.max(0, (term(n) - tieTerm) / 18)
        self.score = score
        self.variance = variance
        if variance > 0, score != 0 {
            z = Double(score > 0 ? score - 1 : score + 1) / variance.squareRoot()
        } else {
            z = 0
        }
    }

    /// The confidence that the series rises: Φ(z), the standard normal
    /// distribution at z (0.5 when S is 0).
    public var risingConfidence: Double { Self.normalCDF(z) }

    /// The confidence that the series falls: Φ(−z).
    public var fallingConfidence: Double { Self.normalCDF(-z) }

    /// The confidence of a trend in the direction of S (0.5 without one).
    public var confidence: Double { score >= 0 ? risingConfidence : fallingConfidence }

    /// Φ(x) = erfc(−x/√2)/2.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}

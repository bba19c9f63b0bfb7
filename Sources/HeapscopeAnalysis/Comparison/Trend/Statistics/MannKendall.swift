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

    /// The test with its variance widened for serial correlation (Hamed &
    /// Rao 1998): snapshots that share most of their samples with the one
    /// before are not independent, so they count for less. `residuals` are
    /// the values minus their trend line (Sen's); the lags whose rank
    /// autocorrelation is significant (|ρₖ| > 1.96/√n) widen the variance by
    /// 1 + 2/(n(n−1)(n−2)) Σ (n−k)(n−k−1)(n−k−2) ρₖ; it never narrows it.
    public func correctedForAutocorrelation(_ residuals: [Double]) -> MannKendall {
        var corrected = self
        corrected.variance = variance * Self.varianceRatio(residuals)
        if corrected.variance > 0, score != 0 {
            corrected.z = Double(score > 0 ? score - 1 : score + 1) / corrected.variance.squareRoot()
        }
        return corrected
    }

    /// n/n*, at least 1.
    static func varianceRatio(_ residuals: [Double]) -> Double {
        let n = residuals.count
        guard n >= 4 else { return 1 }
        // Ranks (1-based, ties get the mean rank), centred.
        let order = residuals.indices.sorted { residuals[$0] < residuals[$1] }
        var ranks = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n && residuals[order[end + 1]] == residuals[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for i in start...end { ranks[order[i]] = rank }
            start = end + 1
        }
        let mean = Double(n + 1) / 2
        let centred = ranks.map { $0 - mean }
        let denominator = centred.reduce(0) { $0 + $1 * $1 }
        guard denominator > 0 else { return 1 }
        let significant = 1.959963984540054 / Double(n).squareRoot()
        let nd = Double(n)
        var sum = 0.0
        for k in 1..<(n - 2) {
            var numerator = 0.0
            for i in 0..<(n - k) { numerator += centred[i] * centred[i + k] }
            let rho = numerator / denominator
            guard abs(rho) > significant else { continue }
            let kd = Double(k)
            sum += (nd - kd) * (nd - kd - 1) * (nd - kd - 2) * rho
        }
        return Swift.max(1, 1 + 2 * sum / (nd * (nd - 1) * (nd - 2)))
    }

    /// The confidence that the series rises: Φ(z), the standard normal
    /// distribution at z (0.5 when S is 0).
    public var risingConfidence: Double { Self.normalCDF(z) }

    /// The confidence that the series falls: Φ(−z).
    public var fallingConfidence: Double { Self.normalCDF(-z) }

    /// The confidence of a trend in the direction of S (0.5 without one).
    public var confidence: Double { score >= 0 ? risingConfidence : fallingConfidence }

    /// A confidence as a percentage with one decimal, rounded down so that
    /// it never reads 100%: `98.6%`.
    public static func percentText(_ confidence: Double) -> String {
        let tenths = Swift.min(999, Swift.max(0, Int((confidence * 1000).rounded(.down))))
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Φ(x) = erfc(−x/√2)/2.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}

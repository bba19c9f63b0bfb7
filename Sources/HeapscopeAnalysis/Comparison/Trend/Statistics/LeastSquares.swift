/// The least-squares straight line through a series: its slope and R².
public struct LeastSquares: Sendable, Equatable {
    public var slope: Double
    /// 1 when y is constant, 0 when x is.
    public var r2: Double

    public init(x: [Double], y: [Double]) {
        let n = Double(x.count)
        guard x.count >= 2 else {
            slope = 0
            r2 = 1
            return
        }
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX
            let dy = y[i] - meanY
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else {
            slope = 0
            r2 = 0
            return
        }
        guard syy > 0 else {
            slope = 0
            r2 = 1
            return
        }
        slope = sxy / sxx
        r2 = Swift.min(1, (sxy * sxy) / (sxx * syy))
    }
}

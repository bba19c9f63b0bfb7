/// Where a series sits in its consecutive parts, ignoring the lowest and
/// highest tenth of each: a leak's last quarter sits above its first, and its
/// lower envelope (the parts' lows) does not fall, however it dips; a level
/// series, however it wanders, has quarters that overlap and a lower
/// envelope that falls somewhere.
public struct SeriesLevels: Sendable, Equatable {
    /// The 10th and 90th percentiles of each quarter, in order.
    public var quarterLows: [Int64]
    public var quarterHighs: [Int64]
    /// The 10th percentile of each eighth for series of at least 32 values
    /// (parts of 4 or more), else of each quarter: the lower envelope.
    public var envelope: [Int64]

    /// The levels of `values`; with fewer than 4 values every list is empty.
    public init(_ values: [Int64]) {
        let quarters = Self.parts(values, 4)
        quarterLows = quarters.map { Self.percentile($0, 0.1) }
        quarterHighs = quarters.map { Self.percentile($0, 0.9) }
        envelope = values.count >= 32 ? Self.parts(values, 8).map { Self.percentile($0, 0.1) } : quarterLows
    }

    /// How far the last quarter's low sits above the first quarter's high
    /// (negative when they overlap).
    public var gap: Int64 {
        guard let low = quarterLows.last, let high = quarterHighs.first else { return 0 }
        return low &- high
    }

    /// No part's low is below the low of the part before by more than
    /// `tolerance`.
    public func envelopeHolds(tolerance: Int64) -> Bool {
        zip(envelope.dropFirst(), envelope).allSatisfy { $0 >= $1 &- tolerance }
    }

    /// `values` cut into `count` consecutive parts, part i from i·n/count up
    /// to (i+1)·n/count (equal lengths give or take one), each sorted; none
    /// when there are fewer values than parts.
    static func parts(_ values: [Int64], _ count: Int) -> [[Int64]] {
        guard values.count >= count else { return [] }
        return (0..<count).map { Array(values[($0 * values.count / count)..<(($0 + 1) * values.count / count)]).sorted() }
    }

    /// The q-quantile of sorted values (nearest rank).
    static func percentile(_ sorted: [Int64], _ q: Double) -> Int64 {
        guard !sorted.isEmpty else { return 0 }
        let index = Swift.min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count - 1)).rounded())))
        return sorted[index]
    }
}

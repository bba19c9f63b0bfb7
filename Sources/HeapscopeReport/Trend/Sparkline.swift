/// A sparkline: one block character per value, scaled from the series'
/// minimum to its maximum, at most `maxWidth` characters wide.
public enum Sparkline {
    /// The levels, lowest first.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The widest sparkline.
    public static let maxWidth = 32

    /// `values` as a sparkline. Up to `maxWidth` values get one character
    /// each; a longer series is cut into `maxWidth / 2` buckets of
    /// consecutive values, each drawn as its minimum and maximum in the order
    /// they occur, so no dip or peak is averaged away. A constant series is
    /// a flat middle line.
    public static func render(_ values: [Int64], maxWidth: Int = maxWidth) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let points = values.count <= maxWidth ? values : extremes(values, buckets: Swift.max(1, maxWidth / 2))
        guard high > low else { return String(repeating: levels[3], count: points.count) }
        let span = Double(high) - Double(low)
        return String(
            points.map { value in
                let level = ((Double(value) - Double(low)) / span * Double(levels.count - 1)).rounded()
                return levels[Int(Swift.max(0, Swift.min(Double(levels.count - 1), level)))]
            })
    }

    /// The minimum and maximum of each of `buckets` runs of consecutive
    /// values, in the order they occur.
    static func extremes(_ values: [Int64], buckets: Int) -> [Int64] {
        var points: [Int64] = []
        for bucket in 0..<buckets {
            let start = bucket * values.count / buckets
            let end = (bucket + 1) * values.count / buckets
            guard start < end else { continue }
            let slice = values[start..<end]
            guard let minIndex = slice.indices.min(by: { slice[$0] < slice[$1] }),
                let maxIndex = slice.indices.max(by: { slice[$0] < slice[$1] })
            else { continue }
            points += minIndex <= maxIndex ? [slice[minIndex], slice[maxIndex]] : [slice[maxIndex], slice[minIndex]]
        }
        return points
    }
}

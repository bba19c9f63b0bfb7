/// An amount written on the command line for a trend gate: a size in bytes
/// (`10MB`, `2GiB`), a plain number (in the column's unit: bytes, or
/// objects for `_objects` columns) or a percentage (`25%`).
public struct TrendAmount: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Had a size suffix: bytes, and only for byte columns.
        case bytes
        /// A plain number, in the column's own unit.
        case number
        case percent
    }

    public var value: Double
    public var kind: Kind

    /// Parses `text`; nil when it is not a size, number or percentage.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value.isFinite, value >= 0 else { return nil }
            self.init(value: value, kind: .percent)
            return
        }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        if digits.count == trimmed.count {
            guard let value = Double(trimmed), value.isFinite, value >= 0 else { return nil }
            self.init(value: value, kind: .number)
            return
        }
        guard let bytes = SizeLimit.parseSize(trimmed) else { return nil }
        self.init(value: Double(bytes), kind: .bytes)
    }

    public init(value: Double, kind: Kind) {
        self.value = value
        self.kind = kind
    }

    /// The amount in sample units: a percentage is of `base`. Throws when a
    /// size in bytes is given for a column that is not in bytes, or a
    /// percentage where none is allowed.
    public func resolved(unit: String, sampleType: String, base: Int64?, option: String) throws(TrendGateError) -> Int64 {
        switch kind {
        case .bytes:
            guard unit == "bytes" else { throw .unitMismatch(option: option, sampleType: sampleType, unit: unit) }
            return Measurement.truncate(value)
        case .number:
            return Measurement.truncate(value)
        case .percent:
            guard let base else { throw .percentNotAllowed(option: option) }
            return Measurement.truncate(Double(base) * value / 100)
        }
    }
}

/// A growth rate for `--max-growth-rate`: an amount per period, `50%/day`,
/// `100MB/h`, `5000/min`.
public struct TrendRate: Sendable, Equatable {
    public var amount: TrendAmount
    /// The period in hours.
    public var hours: Double

    public init(amount: TrendAmount, hours: Double) {
        self.amount = amount
        self.hours = hours
    }

    /// Parses `AMOUNT/PERIOD`, the period `s`, `min`, `h`, `d` or `w`
    /// (or their long names), optionally with a number (`10MB/30min`).
    public init?(_ text: String) {
        let parts = text.trimmingSpaces().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let amount = TrendAmount(String(parts[0])) else { return nil }
        guard let hours = Self.hours(String(parts[1])) else { return nil }
        self.amount = amount
        self.hours = hours
    }

    /// A duration in hours: an optional positive number and a unit, `s`,
    /// `min`, `h`, `d` or `w` (or their long names): `30min`, `6h`, `day`.
    public static func hours(_ text: String) -> Double? {
        let period = text.trimmingSpaces().lowercased()
        let digits = period.prefix { $0.isNumber || $0 == "." }
        let count = digits.isEmpty ? 1 : Double(digits)
        guard let count, count > 0, let unit = unitHours[String(period.dropFirst(digits.count))] else { return nil }
        return count * unit
    }

    static let unitHours: [String: Double] = [
        "s": 1.0 / 3600, "sec": 1.0 / 3600, "second": 1.0 / 3600,
        "m": 1.0 / 60, "min": 1.0 / 60, "minute": 1.0 / 60,
        "h": 1, "hr": 1, "hour": 1,
        "d": 24, "day": 24,
        "w": 168, "week": 168,
    ]

    /// The rate in sample units per hour; a percentage is of `base`.
    public func perHour(unit: String, sampleType: String, base: Int64, option: String) throws(TrendGateError) -> Double {
        let amount = try amount.resolved(unit: unit, sampleType: sampleType, base: base, option: option)
        return Double(amount) / hours
    }
}

/// Why a trend gate cannot be checked.
public enum TrendGateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A size in bytes for a column in another unit (objects).
    case unitMismatch(option: String, sampleType: String, unit: String)
    case percentNotAllowed(option: String)
    /// A rate gate over snapshots that record no time.
    case untimed(option: String)

    public var description: String {
        switch self {
        case .unitMismatch(let option, let sampleType, let unit):
            return "\(option) is a size in bytes, but \(sampleType) is in \(unit); give a plain number or a percentage"
        case .percentNotAllowed(let option):
            return "\(option) must be a size or a number, not a percentage"
        case .untimed(let option):
            return "\(option) needs snapshots that record their time"
        }
    }
}

/// A size or count written on the command line: `10MB`, `512kB`, `1GiB`,
/// `2048` (a plain number: bytes, or objects for count columns), or a
/// percentage `25%`.
public enum SizeLimit: Sendable, Equatable {
    case absolute(Int64)
    case percent(Double)

    /// Parses `text`; nil when it is not a size, count or percentage.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value.isFinite, value >= 0 else { return nil }
            self = .percent(value)
            return
        }
        guard let bytes = SizeLimit.parseSize(trimmed) else { return nil }
        self = .absolute(bytes)
    }

    /// The limit in base units, given the total a percentage refers to.
    public func resolved(total: Int64) -> Int64 {
        switch self {
        case .absolute(let value): return value
        case .percent(let percent): return Measurement.truncate(Double(total) * percent / 100)
        }
    }

    /// Parses a size such as `10MB`, `512kb`, `1.5GiB` or `4096` into bytes
    /// (binary multiples, as pprof's units: 1kB = 1024 B).
    public static func parseSize(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits), number.isFinite, number >= 0 else { return nil }
        var unit = text.dropFirst(digits.count).lowercased()
        if unit.hasSuffix("ib") { unit = String(unit.dropLast(2)) + "b" }
        let factor: Double
        switch unit {
        case "": factor = 1
        case "b", "byte", "bytes": factor = 1
        case "k", "kb": factor = 1024
        case "m", "mb": factor = 1024 * 1024
        case "g", "gb": factor = 1024 * 1024 * 1024
        case "t", "tb": factor = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        let value = number * factor
        guard value < 9.2e18 else { return nil }
        return Int64(value)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var result = Substring(self)
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return String(result)
    }
}

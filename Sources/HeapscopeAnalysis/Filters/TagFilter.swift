import HeapscopeProfile

/// A `--tag-focus` / `--tag-ignore` expression (pprof's `compileTagFilter`):
/// either a numeric range on numeric labels (`bytes=1kb:`, `:64kb`, `32kb`,
/// `12kb:64mb`) or comma-separated regular expressions on string labels.
public struct TagFilter: Sendable {
    /// The label key before `=`, if one was given.
    public let key: String?
    public let kind: Kind

    public enum Kind: Sendable {
        case range(NumericRange)
        /// `key:value` must match every pattern (no key), or a value of the
        /// key must match any pattern (with a key).
        case patterns([FilterPattern])
    }

    /// Parses `value`; `option` (`tagfocus`, `tagignore`) names it in errors.
    public init(_ value: String, option: String) throws(FilterError) {
        var expression = value
        var key: String?
        if let equals = value.firstIndex(of: "=") {
            let name = String(value[..<equals])
            key = name.isEmpty ? nil : name
            expression = String(value[value.index(after: equals)...])
        }
        self.key = key
        if let range = NumericRange(expression) {
            kind = .range(range)
            return
        }
        var patterns: [FilterPattern] = []
        for part in expression.split(separator: ",", omittingEmptySubsequences: false) {
            patterns.append(try FilterPattern(String(part), option: option))
        }
        kind = .patterns(patterns)
    }

    /// The expression text pprof quotes in `Interpreted '…' as range`, when
    /// this filter is a range.
    public var rangeText: String? {
        if case .range(let range) = kind { return range.text }
        return nil
    }
}

/// pprof's `parseTagFilterRange`: a value or an inclusive range of values,
/// each an integer with an optional unit, compared in the first value's unit.
public struct NumericRange: Sendable, Equatable {
    public let text: String
    /// The unit values are compared in ("" when the range has none).
    public let unit: String
    public let low: Double?
    public let high: Double?

    /// Returns nil when `text` is not a range (it is then a regexp).
    public init?(_ text: String) {
        let tokens = Self.tokens(in: text)
        guard let first = tokens.first, let firstValue = Int64(first.number) else { return nil }
        let (value, unit) = Measurement.scale(firstValue, from: first.unit, to: first.unit)
        self.text = text
        self.unit = unit
        if tokens.count == 1 {
            switch text {
            case first.text: (low, high) = (value, value)
            case first.text + ":": (low, high) = (value, nil)
            case ":" + first.text: (low, high) = (nil, value)
            default: return nil
            }
            return
        }
        let second = tokens[1]
        guard text == first.text + ":" + second.text, let secondValue = Int64(second.number) else { return nil }
        let (upper, upperUnit) = Measurement.scale(secondValue, from: second.unit, to: unit)
        guard upperUnit == unit else { return nil }
        (low, high) = (value, upper)
    }

    /// True when `value`, in `valueUnit`, converts to this range's unit and
    /// lies in the range.
    public func contains(_ value: Int64, unit valueUnit: String) -> Bool {
        let (scaled, scaledUnit) = Measurement.scale(value, from: valueUnit, to: unit)
        guard scaledUnit == unit else { return false }
        if let low, scaled < low { return false }
        if let high, scaled > high { return false }
        return true
    }

    struct Token {
        var text: String
        var number: String
        var unit: String
    }

    /// The first two matches of `([+-]?[[:digit:]]+)([[:alpha:]]+)?`.
    static func tokens(in text: String) -> [Token] {
        let bytes = Array(text.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a }
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var tokens: [Token] = []
        var i = 0
        while i < bytes.count && tokens.count < 2 {
            let start = i
            var digits = i
            if (bytes[i] == 0x2b || bytes[i] == 0x2d) && i + 1 < bytes.count && isDigit(bytes[i + 1]) { digits += 1 }
            guard isDigit(bytes[digits]) else {
                i += 1
                continue
            }
            var end = digits
            while end < bytes.count && isDigit(bytes[end]) { end += 1 }
            let numberEnd = end
            while end < bytes.count && isAlpha(bytes[end]) { end += 1 }
            tokens.append(Token(text: string(start..<end), number: string(start..<numberEnd), unit: string(numberEnd..<end)))
            i = end
        }
        return tokens
    }
}

/// Evaluates a tag filter on samples. String patterns run once per distinct
/// (key, value) label, not once per sample.
struct TagMatcher {
    let filter: TagFilter
    let profile: Profile
    /// Unit of each numeric label key (pprof's `NumLabelUnits`).
    let numericUnits: [Int32: String]
    /// Pattern results per string label, keyed by (key, value) indices.
    var cache: [UInt64: [Bool]] = [:]
    var evaluations = 0

    init(filter: TagFilter, profile: Profile, numericUnits: [Int32: String]) {
        self.filter = filter
        self.profile = profile
        self.numericUnits = numericUnits
    }

    mutating func matches(sample: Int) -> Bool {
        let labels = profile.labels(ofSample: sample)
        let wantKey = filter.key
        switch filter.kind {
        case .range(let range):
            for label in labels where !label.isString && (label.num != 0 || label.numUnit != 0) {
                let key = profile.string(label.key)
                if let wantKey, key != wantKey { continue }
                if range.contains(label.num, unit: numericUnits[label.key] ?? key) { return true }
            }
            return false
        case .patterns(let patterns):
            if wantKey != nil {
                for label in labels where label.isString && profile.string(label.key) == wantKey {
                    if results(for: label, patterns: patterns).contains(true) { return true }
                }
                return false
            }
            var matched = [Bool](repeating: false, count: patterns.count)
            for label in labels where label.isString {
                for (index, hit) in results(for: label, patterns: patterns).enumerated() where hit { matched[index] = true }
            }
            return !matched.contains(false)
        }
    }

    /// Each pattern's result on a label's value (with a key) or on
    /// `key:value` (without), computed once per distinct label.
    mutating func results(for label: Label, patterns: [FilterPattern]) -> [Bool] {
        let cacheKey = UInt64(UInt32(bitPattern: label.key)) << 32 | UInt64(UInt32(bitPattern: label.str))
        if let cached = cache[cacheKey] { return cached }
        let value = profile.string(label.str)
        let text = filter.key == nil ? profile.string(label.key) + ":" + value : value
        let result = patterns.map { $0.matches(text) }
        evaluations += patterns.count
        cache[cacheKey] = result
        return result
    }
}

/// A cursor over one line of a legacy text profile that reads the pieces
/// pprof's regular expressions match: decimal and hex numbers, literal
/// characters and runs of spaces. Every read says what it expected, so a
/// parser can report the line and what is wrong with it.
struct FieldScanner {
    private let bytes: [UInt8]
    private(set) var position = 0

    init<S: StringProtocol>(_ text: S) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The rest of the line from the cursor.
    var rest: String { String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self) }

    /// Skips spaces and tabs (the regexes' ` *` and `\s*`).
    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
    }

    /// Consumes `literal` if the line continues with it.
    mutating func take(_ literal: String) -> Bool {
        let want = Array(literal.utf8)
        guard bytes.count - position >= want.count, Array(bytes[position..<position + want.count]) == want else { return false }
        position += want.count
        return true
    }

    /// Consumes `literal` or fails, naming `what` the line should have had.
    mutating func expect(_ literal: String, _ what: String) throws(FieldError) {
        guard take(literal) else { throw FieldError(message: "expected \(what)") }
    }

    /// The run of bytes at the cursor for which `accept` holds, as text.
    mutating func span(while accept: (UInt8) -> Bool) -> String {
        let start = position
        while position < bytes.count, accept(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The digits at the cursor as text (empty when there are none).
    mutating func digits() -> String {
        span { (48...57).contains($0) }
    }

    /// The run of `[_a-z0-9]` at the cursor (pprof's `heap[_a-z0-9]*`).
    mutating func word() -> String {
        span { $0 == 95 || (97...122).contains($0) || (48...57).contains($0) }
    }

    /// The text up to the next space or tab.
    mutating func field() -> String {
        span { $0 != 32 && $0 != 9 }
    }

    /// A decimal integer, with a leading `-` when `signed`.
    mutating func integer(_ what: String, signed: Bool = false) throws(FieldError) -> Int64 {
        let negative = signed && take("-")
        let text = digits()
        guard !text.isEmpty else { throw FieldError(message: "expected \(what), a number") }
        guard let value = Int64((negative ? "-" : "") + text) else {
            throw FieldError(message: "\(what) \(negative ? "-" : "")\(text) does not fit in 64 bits")
        }
        return value
    }

    /// Space-separated `0x…` addresses up to the end of the line.
    mutating func hexAddresses(_ what: String = "address") throws(FieldError) -> [UInt64] {
        var addresses: [UInt64] = []
        while true {
            skipSpaces()
            if isAtEnd { return addresses }
            guard take("0x") else { throw FieldError(message: "expected a hex \(what) (0x…), found \"\(Self.excerpt(rest))\"") }
            let text = span(while: Self.isHexDigit)
            guard !text.isEmpty, position == bytes.count || bytes[position] == 32 || bytes[position] == 9 else {
                throw FieldError(message: "bad hex \(what) \"0x\(Self.excerpt(text + rest))\"")
            }
            guard let value = UInt64(text, radix: 16) else {
                throw FieldError(message: "\(what) 0x\(Self.excerpt(text)) does not fit in 64 bits")
            }
            addresses.append(value)
        }
    }

    /// Go's `strconv.ParseInt(text, 0, 64)`: decimal, or `0x`, `0o`, `0b`
    /// or leading-`0` octal, with an optional sign.
    static func goInteger(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = 10
        let lower = body.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            body = body.dropFirst(2)
        } else if body.count > 1 && body.hasPrefix("0") {
            radix = 8
            body = body.dropFirst()
        }
        guard !body.isEmpty, let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// pprof's `parseHexAddresses`: every `0x[0-9a-f]+` on the line.
    static func hexNumbers(in text: Substring) throws(FieldError) -> [UInt64] {
        let bytes = Array(text.utf8)
        var numbers: [UInt64] = []
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == 48, bytes[index + 1] == 120, isLowerHex(bytes[index + 2]) else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count, isLowerHex(bytes[end]) { end += 1 }
            let digits = String(decoding: bytes[index + 2..<end], as: UTF8.self)
            guard let value = UInt64(digits, radix: 16) else {
                throw FieldError(message: "address 0x\(FieldScanner.excerpt(digits)) does not fit in 64 bits")
            }
            numbers.append(value)
            index = end
        }
        return numbers
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
    }

    /// At most 40 characters of `text`, for error messages.
    static func excerpt<S: StringProtocol>(_ text: S) -> String {
        text.count <= 40 ? String(text) : String(text.prefix(40)) + "…"
    }
}

/// What a `FieldScanner` read did not find; the parser adds the line number.
struct FieldError: Error {
    var message: String
}

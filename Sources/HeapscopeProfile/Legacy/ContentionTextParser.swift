import Foundation

/// Reads legacy contention text as pprof's `parseContention` does: Go's
/// `mutex` and `block` profiles at `?debug=1` (`--- mutex:`,
/// `--- contention:`) and C++ contentionz (`--- contentionz `).
///
/// `key = value` attributes (`cycles/second`, `sampling period`,
/// `ms since reset`, `discarded samples`) come first, then records
/// `cycles count @ 0x… 0x…`. Delays are converted from cycles to
/// nanoseconds and both values are unsampled by the sampling period, as in
/// pprof. Go's `#` frame comments name the frames, as in heap text.
struct ContentionTextParser {
    private var lines: TextLines
    private let useComments: Bool
    private var builder = LegacyProfileBuilder(
        sampleTypes: [ValueType(type: "contentions", unit: "count"), ValueType(type: "delay", unit: "nanoseconds")],
        periodType: ValueType(type: "contentions", unit: "count"), period: 1)
    private var cyclesPerSecond: Int64 = 0
    private var durationNanos: Int64 = 0
    private var pending: (values: [Int64], stack: CommentedStack)?
    private var symbolized = false

    static func parse(_ bytes: [UInt8], useComments: Bool) throws(ProfileError) -> Profile {
        var parser = ContentionTextParser(lines: TextLines(bytes), useComments: useComments)
        return try parser.run()
    }

    private init(lines: TextLines, useComments: Bool) {
        self.lines = lines
        self.useComments = useComments
    }

    private mutating func run() throws(ProfileError) -> Profile {
        _ = try lines.next()  // the header, checked by ProfileFormat.sniff
        var mappings: [MappingDetails] = []
        var inAttributes = true
        while let line = try lines.next() {
            if line.isMemoryMapSentinel {
                mappings = try MemoryMapParser.parse(&lines)
                break
            }
            let trimmed = line.trimmedSpace
            if trimmed.hasPrefix("---") {
                // pprof stops at the next section; a memory map may follow.
                if try lines.skip(until: \.isMemoryMapSentinel) != nil { mappings = try MemoryMapParser.parse(&lines) }
                break
            }
            do {
                if inAttributes, !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") {
                    try readAttribute(
                        key: String(trimmed[..<equals].trimmedSpace), value: String(trimmed[trimmed.index(after: equals)...].trimmedSpace))
                    continue
                }
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") { inAttributes = false }
                try read(line, trimmed: trimmed)
            } catch {
                throw .legacySyntax(line: lines.number, reason: error.message)
            }
        }
        flush()
        var profile = builder.finish(mappings: mappings, symbolized: symbolized)
        profile.durationNanos = durationNanos
        return profile
    }

    private mutating func readAttribute(key: String, value: String) throws(FieldError) {
        func number() throws(FieldError) -> Int64 {
            guard let parsed = FieldScanner.goInteger(value) else {
                throw FieldError(message: "\(key) \"\(FieldScanner.excerpt(value))\" is not a number")
            }
            return parsed
        }
        switch key {
        case "cycles/second": cyclesPerSecond = try number()
        case "sampling period": builder.setPeriod(try number())
        case "ms since reset": durationNanos = (try number()).multipliedReportingOverflow(by: 1_000_000).partialValue
        case "discarded samples": break
        case "format", "resolution":
            throw FieldError(message: "\"\(key)\" is a Java contention attribute, but the header is not \"--- contentionz 1 ---\"")
        default:
            throw FieldError(message: "unknown attribute \"\(FieldScanner.excerpt(key))\"")
        }
    }

    private mutating func read(_ line: String, trimmed: Substring) throws(FieldError) {
        if trimmed.isEmpty { return }
        if trimmed.hasPrefix("#") {
            guard useComments, pending != nil, let comment = try GoFrameComment(line) else { return }
            pending?.stack.comments.append(comment)
            return
        }
        flush()
        var scanner = FieldScanner(trimmed)
        var cycles = try scanner.integer("delay (cycles)")
        scanner.skipSpaces()
        var count = try scanner.integer("contention count")
        scanner.skipSpaces()
        try scanner.expect("@", "\"cycles count @ addresses\"")
        let stack = CommentedStack(addresses: try scanner.hexAddresses())
        guard !stack.addresses.isEmpty else { throw FieldError(message: "record has no stack (no address after \"@\")") }
        let period = builder.profile.period
        if period > 0 {
            if cyclesPerSecond > 0 {
                cycles = Int64(goTruncating: Double(cycles) * Double(period) / (Double(cyclesPerSecond) / 1e9))
            }
            count = count.multipliedReportingOverflow(by: period).partialValue
        }
        pending = ([count, cycles], stack)
    }

    private mutating func flush() {
        guard let current = pending else { return }
        pending = nil
        if current.stack.isSymbolized { symbolized = true }
        builder.addSample(stack: current.stack.locations(builder: &builder), values: current.values)
    }
}

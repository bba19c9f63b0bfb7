/// Reads Java text profiles as pprof's `parseJavaProfile` does: the header
/// `--- heapz 1 ---` or `--- contentionz 1 ---`, `key = value` attributes
/// (`format = java`, `resolution = UNIT`, and for contention
/// `sampling period` and `ms since reset`), records
/// `value count @ 0x… 0x…` (leaf first, addresses as written), then the
/// symbol lines `JavaFrames` reads.
///
/// Heap: `inuse_objects`/`inuse_space` in the resolution's unit, unsampled
/// as pprof does at Java's 512 KiB rate, with a `bytes` label (value per
/// object). Contention: `contentions`/`delay`, both times the sampling
/// period.
struct JavaTextParser {
    enum Kind {
        case heap, contention
    }

    private var lines: TextLines
    private let kind: Kind
    private var sampleTypes: [ValueType]?
    private var period: Int64 = 0
    /// Empty unless `sampling period` is given, as in pprof.
    private var periodType = ValueType(type: "", unit: "")
    private var durationNanos: Int64 = 0
    private var samples: [(values: [Int64], stack: [UInt64], bytes: Int64?)] = []

    /// The kind a first line announces; nil when it is not a Java header.
    static func kind<S: StringProtocol>(ofHeader line: S) -> Kind? where S.SubSequence == Substring {
        switch line.trimmedSpace {
        case "--- heapz 1 ---": return .heap
        case "--- contentionz 1 ---": return .contention
        default: return nil
        }
    }

    /// True when the attributes after a `--- contentionz 1 ---` header are
    /// Java's (`format` or `resolution`), which pprof's C++ contention
    /// parser refuses so that its Java parser reads the file.
    static func hasJavaAttributes(_ text: String) -> Bool {
        for line in text.split(separator: "\n").dropFirst() {
            let trimmed = line.trimmedSpace
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return false }
            if ["format", "resolution"].contains(trimmed[..<equals].trimmedSpace) { return true }
        }
        return false
    }

    static func parse(_ bytes: [UInt8], kind: Kind) throws(ProfileError) -> Profile {
        var parser = JavaTextParser(lines: TextLines(bytes), kind: kind)
        return try parser.run()
    }

    private init(lines: TextLines, kind: Kind) {
        self.lines = lines
        self.kind = kind
    }

    private mutating func run() throws(ProfileError) -> Profile {
        _ = try lines.next()  // the header, checked by ProfileFormat.sniff
        var inAttributes = true
        var used = Set<UInt64>()
        var firstSymbolLine: String?
        while let line = try lines.next() {
            let trimmed = line.trimmedSpace
            if trimmed.isEmpty { continue }
            do {
                if inAttributes, let equals = trimmed.firstIndex(of: "=") {
                    try readAttribute(
                        key: String(trimmed[..<equals].trimmedSpace), value: String(trimmed[trimmed.index(after: equals)...].trimmedSpace))
                    continue
                }
                inAttributes = false
                // The samples end at the first line that is not one: the symbols.
                guard trimmed.first?.isNumber == true, !trimmed.hasPrefix("0x"), trimmed.contains("@") else {
                    firstSymbolLine = line
                    break
                }
                let sample = try readSample(trimmed)
                used.formUnion(sample.stack)
                samples.append(sample)
            } catch {
                throw .legacySyntax(line: lines.number, reason: error.message)
            }
        }
        var frames = JavaFrames()
        try frames.read(first: firstSymbolLine, &lines, used: used)
        var builder = LegacyProfileBuilder(sampleTypes: sampleTypes ?? [], periodType: periodType, period: period)
        for sample in samples {
            builder.addSample(
                stack: frames.stack(sample.stack, builder: &builder), values: sample.values,
                numericLabels: sample.bytes.map { [("bytes", $0)] } ?? [])
        }
        var profile = builder.finish()
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
        switch (kind, key) {
        case (_, "format"):
            guard value == "java" else { throw FieldError(message: "format \"\(FieldScanner.excerpt(value))\" is not java") }
        case (.heap, "resolution"):
            sampleTypes = [ValueType(type: "inuse_objects", unit: "count"), ValueType(type: "inuse_space", unit: value)]
        case (.contention, "resolution"):
            sampleTypes = [ValueType(type: "contentions", unit: "count"), ValueType(type: "delay", unit: value)]
        case (.contention, "sampling period"):
            period = try number()
            periodType = ValueType(type: "contentions", unit: "count")
        case (.contention, "ms since reset"): durationNanos = (try number()).multipliedReportingOverflow(by: 1_000_000).partialValue
        default:
            throw FieldError(
                message: "unknown attribute \"\(FieldScanner.excerpt(key))\" in a Java \(kind == .heap ? "heap" : "contention") profile")
        }
    }

    /// One record, `value count @ addresses` (pprof's `javaSampleRx`).
    private func readSample(_ line: Substring) throws(FieldError) -> (values: [Int64], stack: [UInt64], bytes: Int64?) {
        guard sampleTypes != nil else {
            throw FieldError(message: "record before a \"resolution\" attribute (the profile has no sample types)")
        }
        var scanner = FieldScanner(line)
        // pprof reads both with strconv.ParseInt(text, 0, 64): a leading 0 is octal.
        func number(_ what: String) throws(FieldError) -> Int64 {
            scanner.skipSpaces()
            let text = scanner.digits()
            guard let value = FieldScanner.goInteger(text) else {
                throw FieldError(
                    message: text.isEmpty
                        ? "expected \(what) (a number)" : "\(what) \(FieldScanner.excerpt(text)) is not a number that fits in 64 bits")
            }
            return value
        }
        let value = try number(sampleTypes?.last?.type ?? "value")
        let count = try number(sampleTypes?.first?.type ?? "count")
        scanner.skipSpaces()
        try scanner.expect("@", "\"value count @ addresses\"")
        let stack = try scanner.hexAddresses()
        guard !stack.isEmpty else { throw FieldError(message: "record has no stack (no address after \"@\")") }
        switch kind {
        case .heap:
            guard count != 0 else { throw FieldError(message: "second value must be non-zero") }
            // pprof's rate for Java heapz: 512 KiB.
            let scaled = HeapTextHeader.scaleHeapSample(count: count, size: value, rate: 524_288)
            return ([scaled.0, scaled.1], stack, value / count)
        case .contention:
            guard period != 0 else { return ([count, value], stack, nil) }
            return (
                [count.multipliedReportingOverflow(by: period).partialValue, value.multipliedReportingOverflow(by: period).partialValue],
                stack, nil
            )
        }
    }
}

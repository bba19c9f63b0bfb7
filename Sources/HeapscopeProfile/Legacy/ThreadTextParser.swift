/// Reads thread text profiles (threadz) as pprof's `parseThread` does:
/// an optional `--- threadz N ---` header and lines up to the first line
/// starting with `-`, then one section per thread,
/// `--- Thread ID (name: NAME/TID) stack: ---`, whose lines hold the stack's
/// `0x…` addresses (leaf first, wherever they stand on the line, such as
/// `PC: 0x…`). A section that says `same as previous thread` (or has no
/// address) adds one to the previous sample (the first thread must have a
/// stack; pprof drops it silently). `---- no stack trace for`
/// ends the threads; a memory map may follow.
///
/// One sample type, `thread` in `count`. Every frame but the leaf is moved
/// back one byte onto its call, and a leaf the unwinder duplicated is
/// dropped, as in pprof. pprof refuses a file whose last thread is not
/// followed by a memory map or `---- no stack trace for`; heapscope ends
/// it there.
struct ThreadTextParser {
    private var lines: TextLines
    private var builder: LegacyProfileBuilder

    /// True when `line` starts a thread profile: pprof's `threadzStartRE`
    /// or `threadStartRE`, which may stand anywhere on the line.
    static func isHeader(_ line: String) -> Bool {
        threadzHeader(line) || threadHeader(line)
    }

    /// pprof's `--- threadz \d+ ---`.
    private static func threadzHeader(_ line: String) -> Bool {
        guard let start = line.range(of: "--- threadz ") else { return false }
        let rest = line[start.upperBound...]
        let digits = rest.prefix { ("0"..."9").contains($0) }
        return !digits.isEmpty && rest.dropFirst(digits.count).hasPrefix(" ---")
    }

    /// pprof's `--- Thread ([[:xdigit:]]+) \(name: (.*)/(\d+)\) stack: ---`.
    private static func threadHeader(_ line: String) -> Bool {
        guard let start = line.range(of: "--- Thread ") else { return false }
        let rest = line[start.upperBound...]
        let id = rest.prefix { $0.isHexDigit }
        guard !id.isEmpty, rest.dropFirst(id.count).hasPrefix(" (name: "), let end = rest.range(of: ") stack: ---", options: .backwards)
        else { return false }
        let name = rest[rest.index(rest.startIndex, offsetBy: id.count + 8)..<end.lowerBound]
        guard let slash = name.lastIndex(of: "/") else { return false }
        let tid = name[name.index(after: slash)...]
        return !tid.isEmpty && tid.allSatisfy { ("0"..."9").contains($0) }
    }

    static func parse(_ bytes: [UInt8]) throws(ProfileError) -> Profile {
        var parser = ThreadTextParser(lines: TextLines(bytes))
        return try parser.run()
    }

    private init(lines: TextLines) {
        self.lines = lines
        let type = ValueType(type: "thread", unit: "count")
        builder = LegacyProfileBuilder(sampleTypes: [type], periodType: type, period: 1)
    }

    private mutating func run() throws(ProfileError) -> Profile {
        var line = try lines.skip { !$0.isSpaceOrComment }
        if let header = line, Self.threadzHeader(header) {
            line = try lines.skip { $0.isMemoryMapSentinel || $0.hasPrefix("-") }
        }
        var mappings: [MappingDetails] = []
        while let current = line {
            if current.isMemoryMapSentinel {
                mappings = try MemoryMapParser.parse(&lines)
                break
            }
            if current.hasPrefix("---- no stack trace for") {
                if try lines.skip(until: \.isMemoryMapSentinel) != nil { mappings = try MemoryMapParser.parse(&lines) }
                break
            }
            guard Self.threadHeader(current) else {
                throw .legacySyntax(line: lines.number, reason: "expected \"--- Thread ID (name: NAME/TID) stack: ---\"")
            }
            let headerLine = lines.number
            let stack: [UInt64]
            (line, stack) = try readStack()
            if stack.isEmpty {
                guard builder.addToLastSample(1, index: 0) else {
                    throw .legacySyntax(line: headerLine, reason: "thread has no stack and there is no previous thread to count it with")
                }
                continue
            }
            var adjusted = stack.enumerated().map { $0.offset == 0 ? $0.element : $0.element &- 1 }
            if adjusted.count > 1 && adjusted[0] == adjusted[1] &+ 1 { adjusted.remove(at: 1) }
            builder.addSample(stack: adjusted.map { builder.location(address: $0) }, values: [1])
        }
        return builder.finish(mappings: mappings)
    }

    /// The addresses of one thread's section and the line that ends it (nil
    /// at the end of the input); no addresses for `same as previous thread`.
    private mutating func readStack() throws(ProfileError) -> (String?, [UInt64]) {
        var addresses: [UInt64] = []
        var sameAsPrevious = false
        while let line = try lines.next() {
            let trimmed = line.trimmedSpace
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("---") { return (String(trimmed), sameAsPrevious ? [] : addresses) }
            if trimmed.contains("same as previous thread") {
                sameAsPrevious = true
                continue
            }
            do {
                addresses += try FieldScanner.hexNumbers(in: trimmed)
            } catch {
                throw .legacySyntax(line: lines.number, reason: error.message)
            }
        }
        return (nil, sameAsPrevious ? [] : addresses)
    }
}

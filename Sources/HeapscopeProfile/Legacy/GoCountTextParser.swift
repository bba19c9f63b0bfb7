/// Reads Go's count profiles at `?debug=1` as pprof's `parseGoCount` does:
/// `goroutine profile: total N` or `threadcreate profile: total N`, then
/// records `count @ 0x… 0x…`, each followed by the runtime's `#` frame
/// comments. One sample type, named after the profile (`goroutine`,
/// `threadcreate`), in `count`.
///
/// The frame comments name the frames as in heap text (`CommentedStack`):
/// frames the runtime printed no comment for (its leading `runtime.*`
/// frames such as `gopark`, and `runtime.goexit`) are dropped. Without
/// comments (or with `useComments` false) every address is a location, as
/// in pprof.
struct GoCountTextParser {
    private var lines: TextLines
    private let useComments: Bool
    private var builder: LegacyProfileBuilder
    private var pending: (count: Int64, stack: CommentedStack)?
    private var symbolized = false
    private var depths = StackDepthTally()

    /// The profile name of a count header, pprof's `countStartRE`
    /// (`NAME profile: total N`); nil when `line` is not one.
    static func profileName<S: StringProtocol>(ofHeader line: S) -> Substring? {
        let text = Substring(line)
        guard let colon = text.range(of: " profile: total ") else { return nil }
        let name = text[..<colon.lowerBound]
        let total = text[colon.upperBound...]
        guard !name.isEmpty, !name.contains(where: \.isWhitespace), !total.isEmpty, total.utf8.allSatisfy({ (48...57).contains($0) })
        else { return nil }
        return name
    }

    /// Parses `bytes`, which `ProfileFormat.sniff` found to start (after
    /// blank and `#` lines) with a count header.
    static func parse(_ bytes: [UInt8], useComments: Bool) throws(ProfileError) -> Profile {
        var lines = TextLines(bytes)
        guard let header = try lines.skip(until: { !$0.isSpaceOrComment }), let name = profileName(ofHeader: header) else {
            throw .legacySyntax(line: max(lines.number, 1), reason: "expected \"NAME profile: total N\"")
        }
        var parser = GoCountTextParser(lines: lines, useComments: useComments, name: String(name))
        return try parser.run()
    }

    private init(lines: TextLines, useComments: Bool, name: String) {
        self.lines = lines
        self.useComments = useComments
        let type = ValueType(type: name, unit: "count")
        builder = LegacyProfileBuilder(sampleTypes: [type], periodType: type, period: 1)
    }

    private mutating func run() throws(ProfileError) -> Profile {
        var mappings: [MappingDetails] = []
        while let line = try lines.next() {
            if line.hasPrefix("---") || line.isMemoryMapSentinel {
                // pprof stops at the next section; a memory map may follow.
                let map = line.isMemoryMapSentinel ? line : try lines.skip(until: \.isMemoryMapSentinel)
                if map != nil { mappings = try MemoryMapParser.parse(&lines) }
                break
            }
            do {
                try read(line)
            } catch {
                throw .legacySyntax(line: lines.number, reason: error.message)
            }
        }
        flush()
        var profile = builder.finish(mappings: mappings, symbolized: symbolized)
        profile.truncation = depths.truncation
        return profile
    }

    private mutating func read(_ line: String) throws(FieldError) {
        if line.isSpaceOrComment {
            guard useComments, pending != nil, let comment = try GoFrameComment(line) else { return }
            pending?.stack.comments.append(comment)
            return
        }
        flush()
        var scanner = FieldScanner(line)
        let digits = scanner.digits()
        guard !digits.isEmpty else { throw FieldError(message: "expected \"count @ addresses\", found \"\(FieldScanner.excerpt(line))\"") }
        // pprof reads the count with strconv.ParseInt(text, 0, 64): a leading 0 is octal.
        guard let count = FieldScanner.goInteger(digits) else {
            throw FieldError(
                message: Int64(digits) == nil
                    ? "count \(FieldScanner.excerpt(digits)) does not fit in 64 bits" : "count \(digits) is not a valid octal number")
        }
        try scanner.expect(" @", "\" @\" after the count")
        let stack = CommentedStack(addresses: try scanner.hexAddresses())
        guard !stack.addresses.isEmpty else { throw FieldError(message: "record has no stack (no address after \"@\")") }
        pending = (count, stack)
    }

    /// Adds the pending record, now that its comments are read.
    private mutating func flush() {
        guard let current = pending else { return }
        pending = nil
        if current.stack.isSymbolized { symbolized = true }
        depths.record(current.stack)
        builder.addSample(stack: current.stack.locations(builder: &builder), values: [current.count])
    }
}

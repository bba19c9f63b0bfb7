/// Reads legacy heap text profiles as pprof's `parseHeap` does: Go's
/// `?debug=1` heap text, gperftools' heap (`heap_v2`, `heapprofile`) and
/// growth/fragmentation profiles.
///
/// Go's frame comments (`#\t0x… name+0x… file:line`) give the locations
/// functions, files and lines (pprof ignores them); frames the runtime left
/// without a comment are dropped, as it drops them from `profile.proto`;
/// inlined frames (consecutive comments with the same function entry) form
/// one location. The `# runtime.MemStats` block is kept as `runtimeStats`.
struct HeapTextParser {
    private var lines: TextLines
    private let useComments: Bool
    private var header: HeapTextHeader
    private var builder: LegacyProfileBuilder
    private var record: HeapTextRecord?
    private var stats: [RuntimeStat] = []
    private var inStats = false
    private var symbolized = false
    private var depths = StackDepthTally()

    /// Parses `bytes`, which `ProfileFormat.sniff` found to start with
    /// `heap profile:`. `useComments` false reads addresses only, as pprof.
    static func parse(_ bytes: [UInt8], useComments: Bool) throws(ProfileError) -> Profile {
        var lines = TextLines(bytes)
        guard let first = try lines.next() else { throw .emptyInput }
        let header: HeapTextHeader
        do {
            header = try HeapTextHeader(first)
        } catch {
            throw .legacySyntax(line: 1, reason: error.message)
        }
        var parser = HeapTextParser(lines: lines, useComments: useComments, header: header)
        return try parser.run()
    }

    private init(lines: TextLines, useComments: Bool, header: HeapTextHeader) {
        self.lines = lines
        self.useComments = useComments
        self.header = header
        builder = LegacyProfileBuilder(
            sampleTypes: header.sampleTypes, periodType: ValueType(type: "space", unit: "bytes"), period: header.period)
    }

    private mutating func run() throws(ProfileError) -> Profile {
        var mappings: [MappingDetails] = []
        while let line = try lines.next() {
            if line.isMemoryMapSentinel {
                mappings = try MemoryMapParser.parse(&lines)
                break
            }
            do {
                try read(line)
            } catch {
                throw .legacySyntax(line: lines.number, reason: error.message)
            }
        }
        flushRecord()
        var profile = builder.finish(mappings: mappings, symbolized: symbolized)
        profile.runtimeStats = stats
        profile.truncation = depths.truncation
        return profile
    }

    private mutating func read(_ line: String) throws(FieldError) {
        let trimmed = line.trimmedSpace
        if trimmed.isEmpty { return }
        if trimmed.hasPrefix("#") {
            try readComment(line, trimmed: trimmed)
            return
        }
        inStats = false
        flushRecord()
        record = try HeapTextRecord(trimmed, header: header, line: lines.number)
    }

    private mutating func readComment(_ line: String, trimmed: Substring) throws(FieldError) {
        if trimmed == "# runtime.MemStats" {
            flushRecord()
            inStats = true
            return
        }
        if inStats {
            let body = trimmed.dropFirst().trimmedSpace
            if let equals = body.firstIndex(of: "=") {
                stats.append(
                    RuntimeStat(name: String(body[..<equals].trimmedSpace), value: String(body[body.index(after: equals)...].trimmedSpace)))
            }
            return
        }
        guard useComments, record != nil, let comment = try GoFrameComment(line) else { return }
        record?.stack.comments.append(comment)
    }

    /// Adds the pending record, now that its comments are read.
    private mutating func flushRecord() {
        guard let current = record else { return }
        record = nil
        let stack = current.stack.locations(builder: &builder)
        if current.stack.isSymbolized { symbolized = true }
        depths.record(current.stack)
        // pprof's label survives its protobuf round trip only when non-zero.
        builder.addSample(
            stack: stack, values: current.values,
            numericLabels: current.blockSize == 0 ? [] : [("bytes", current.blockSize)])
    }
}

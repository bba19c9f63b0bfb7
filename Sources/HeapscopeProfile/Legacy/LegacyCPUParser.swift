/// Reads the legacy binary CPU profile (gperftools' `CpuProfiler`, Google's
/// profilez) as pprof's `parseCPU` does: 32- or 64-bit words in the
/// writer's byte order, a header `0, 3, 0, period (µs), 0`, then records
/// `count, depth, address…` up to the end marker `0, 1, 0`, then a text
/// memory map. Stack frames but the leaf are moved back one byte onto the
/// call; a second frame shared by (nearly) every sample, pushed by the
/// signal handler, is removed (at most twice), and a leaf duplicated by
/// the unwinder is dropped.
struct LegacyCPUParser {
    /// Word width and byte order of a file, as `ProfileFormat.sniff` found them.
    struct Layout: Equatable {
        var width: Int
        var bigEndian: Bool
    }

    private let bytes: [UInt8]
    private let layout: Layout
    private var offset = 0

    /// The layout whose header words read `0, 3, 0 or 1, period > 0, 0`,
    /// and whether the third word says Java (1).
    static func header(of bytes: ArraySlice<UInt8>) -> (layout: Layout, java: Bool)? {
        for width in [4, 8] {
            for bigEndian in [false, true] {
                var parser = LegacyCPUParser(bytes: Array(bytes.prefix(5 * width)), layout: Layout(width: width, bigEndian: bigEndian))
                guard let words = try? (0..<5).map({ _ in try parser.word() }) else { continue }
                if words[0] == 0, words[1] == 3, words[2] <= 1, words[3] > 0, words[4] == 0 {
                    return (Layout(width: width, bigEndian: bigEndian), words[2] == 1)
                }
            }
        }
        return nil
    }

    static func parse(_ bytes: [UInt8], layout: Layout) throws(ProfileError) -> Profile {
        var parser = LegacyCPUParser(bytes: bytes, layout: layout)
        return try parser.run()
    }

    /// Reads the Java variant (header word 3 is 1) as pprof's
    /// `javaCPUProfile`: the records as written (no frame is moved or
    /// removed), then `JavaFrames`' symbol lines instead of a memory map.
    static func parseJava(_ bytes: [UInt8], layout: Layout) throws(ProfileError) -> Profile {
        var parser = LegacyCPUParser(bytes: bytes, layout: layout)
        let (period, samples) = try parser.readSamples(java: true)
        var lines = TextLines(Array(bytes[parser.offset...]))
        var frames = JavaFrames()
        try frames.read(first: nil, &lines, used: Set(samples.flatMap(\.stack)))
        var builder = builder(period: period)
        for sample in samples {
            builder.addSample(
                stack: frames.stack(sample.stack, builder: &builder),
                values: [sample.count, sample.count.multipliedReportingOverflow(by: period).partialValue])
        }
        return builder.finish()
    }

    private init(bytes: [UInt8], layout: Layout) {
        self.bytes = bytes
        self.layout = layout
    }

    private mutating func word() throws(ProfileError) -> UInt64 {
        guard bytes.count - offset >= layout.width else {
            throw .legacyBinary(offset: offset, reason: "the data ends inside a \(layout.width * 8)-bit word")
        }
        let slice = bytes[offset..<offset + layout.width]
        offset += layout.width
        return (layout.bigEndian ? Array(slice) : slice.reversed()).reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func builder(period: Int64) -> LegacyProfileBuilder {
        LegacyProfileBuilder(
            sampleTypes: [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")],
            periodType: ValueType(type: "cpu", unit: "nanoseconds"), period: period)
    }

    /// The period (ns) and the records up to the end marker. C++: every
    /// frame but the leaf is moved back one byte onto its call. Java: frames
    /// as written, and a record without a stack is refused (nothing could
    /// name it).
    private mutating func readSamples(java: Bool) throws(ProfileError) -> (Int64, [(count: Int64, stack: [UInt64])]) {
        let header = try (0..<5).map { _ throws(ProfileError) in try word() }
        let period = Int64(clamping: header[3]).multipliedReportingOverflow(by: 1000).partialValue
        var samples: [(count: Int64, stack: [UInt64])] = []
        while offset < bytes.count {
            let recordStart = offset
            let count = try word()
            let depth = try word()
            guard depth <= UInt64((bytes.count - offset) / layout.width) else {
                throw .legacyBinary(offset: recordStart, reason: "record of \(depth) frames runs past the end of the data")
            }
            var stack = try (0..<Int(depth)).map { _ throws(ProfileError) in try word() }
            if count == 0 && depth == 1 && stack[0] == 0 { break }
            guard count <= UInt64(Int64.max) else {
                throw .legacyBinary(offset: recordStart, reason: "sample count \(count) does not fit in 64 bits")
            }
            guard depth > 0 || !java else { throw .legacyBinary(offset: recordStart, reason: "record has no stack (depth 0)") }
            if !java { for index in stack.indices.dropFirst() { stack[index] &-= 1 } }
            samples.append((Int64(count), stack))
        }
        return (period, samples)
    }

    private mutating func run() throws(ProfileError) -> Profile {
        var (period, samples) = try readSamples(java: false)
        Self.removeSignalFrames(&samples)
        var lines = TextLines(Array(bytes[offset...]))
        let mappings = try MemoryMapParser.parse(&lines)
        var builder = Self.builder(period: period)
        for var sample in samples {
            if sample.stack.count > 1 && sample.stack[0] == sample.stack[1] &+ 1 { sample.stack.remove(at: 1) }
            let stack = sample.stack.map { builder.location(address: $0) }
            builder.addSample(stack: stack, values: [sample.count, sample.count.multipliedReportingOverflow(by: period).partialValue])
        }
        return builder.finish(mappings: mappings)
    }

    /// pprof's check for a frame pushed by the signal handler: when all but
    /// one in 32 samples share their second frame, it goes (twice at most).
    private static func removeSignalFrames(_ samples: inout [(count: Int64, stack: [UInt64])]) {
        let margin = samples.count / 32
        for _ in 0..<2 {
            var counts: [UInt64: Int] = [:]
            for sample in samples where sample.stack.count > 1 { counts[sample.stack[1], default: 0] += 1 }
            guard let shared = counts.first(where: { $0.value >= samples.count - margin })?.key else { continue }
            for index in samples.indices where samples[index].stack.count > 1 && samples[index].stack[1] == shared {
                samples[index].stack.remove(at: 1)
            }
        }
    }
}

/// One record of a legacy heap text profile,
/// `inuse_count: inuse_bytes [alloc_count: alloc_bytes] @ 0x… 0x…`,
/// with the frame comments that follow it.
struct HeapTextRecord {
    /// The unsampled values in the header's sample-type order.
    var values: [Int64] = []
    /// The `bytes` label: bytes per object, as pprof computes it.
    var blockSize: Int64 = 0
    /// Return addresses, leaf first.
    var addresses: [UInt64]
    var comments: [GoFrameComment] = []

    var isSymbolized: Bool { !comments.isEmpty }

    /// False when the comments leave the last (root) address out: the
    /// runtime hides `runtime.goexit`, so such a stack is complete.
    var lastAddressIsShown: Bool {
        guard isSymbolized, let root = addresses.last else { return true }
        return comments.contains { $0.pc == root &- 1 }
    }

    init(_ text: Substring, header: HeapTextHeader, line: Int) throws(FieldError) {
        var scanner = FieldScanner(text)
        let inuseCount = try scanner.integer("in-use object count", signed: true)
        scanner.skipSpaces()
        try scanner.expect(":", "\"count: bytes [count: bytes] @ addresses\"")
        scanner.skipSpaces()
        let inuseBytes = try scanner.integer("in-use bytes", signed: true)
        scanner.skipSpaces()
        try scanner.expect("[", "\"[\" after the in-use values")
        scanner.skipSpaces()
        let allocCount = try scanner.integer("allocated object count")
        scanner.skipSpaces()
        try scanner.expect(":", "\":\" between the allocated values")
        scanner.skipSpaces()
        let allocBytes = try scanner.integer("allocated bytes")
        scanner.skipSpaces()
        try scanner.expect("]", "\"]\" after the allocated values")
        scanner.skipSpaces()
        try scanner.expect("@", "\"@\" before the stack")
        addresses = try scanner.hexAddresses()
        guard !addresses.isEmpty else { throw FieldError(message: "record has no stack (no address after \"@\")") }
        if header.hasAlloc {
            try add(count: allocCount, size: allocBytes, kind: "allocation", header: header)
        }
        try add(count: inuseCount, size: inuseBytes, kind: "inuse", header: header)
    }

    /// pprof's `addValues`: checks, takes the block size, unsamples.
    private mutating func add(count: Int64, size: Int64, kind: String, header: HeapTextHeader) throws(FieldError) {
        if count == 0 && size != 0 {
            throw FieldError(message: "\(kind) count was 0 but \(kind) bytes was \(size)")
        }
        var value = (count, size)
        if count != 0 {
            blockSize = size / count
            value = header.unsample(count: count, size: size)
        }
        values.append(value.0)
        values.append(value.1)
    }

    /// The record's stack as locations, leaf first. With frame comments,
    /// each address takes the comments for its PC (address − 1); addresses
    /// without one are dropped, and runs of frames sharing a function entry
    /// (inlined calls) become one location. Without comments every address
    /// is a location of its own, as in pprof.
    func stack(builder: inout LegacyProfileBuilder) -> [UInt32] {
        let frames = isSymbolized ? symbolizedFrames() : []
        guard !frames.isEmpty else {
            return addresses.map { builder.location(address: $0 &- 1) }
        }
        var stack: [UInt32] = []
        var index = 0
        while index < frames.count {
            var end = index + 1
            while end < frames.count, frames[end].comment.entry == frames[index].comment.entry,
                  !frames[index].comment.name.isEmpty,
                  frames[end].comment.name != frames[end - 1].comment.name {
                end += 1
            }
            let group = frames[index..<end]
            let named = group.filter { !$0.comment.name.isEmpty }
            let location = builder.location(
                key: group.map(\.address), address: group[group.startIndex].comment.pc,
                frames: named.map { LegacyProfileBuilder.Frame(name: $0.comment.name, file: $0.comment.file, line: $0.comment.line) })
            stack.append(location)
            index = end
        }
        return stack
    }

    /// Each address paired with the comments for it, in stack order.
    private func symbolizedFrames() -> [(address: UInt64, comment: GoFrameComment)] {
        var result: [(address: UInt64, comment: GoFrameComment)] = []
        var next = 0
        for address in addresses {
            var taken = 0
            while next < comments.count, comments[next].pc == address &- 1 {
                if taken > 0, comments[next].name == result[result.count - taken].comment.name { break }
                result.append((address, comments[next]))
                next += 1
                taken += 1
            }
        }
        return result
    }
}

/// One record of a legacy heap text profile,
/// `inuse_count: inuse_bytes [alloc_count: alloc_bytes] @ 0x… 0x…`,
/// with the frame comments that follow it.
struct HeapTextRecord {
    /// The unsampled values in the header's sample-type order.
    var values: [Int64] = []
    /// The `bytes` label: bytes per object, as pprof computes it.
    var blockSize: Int64 = 0
    /// The return addresses and their frame comments.
    var stack: CommentedStack

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
        stack = CommentedStack(addresses: try scanner.hexAddresses())
        guard !stack.addresses.isEmpty else { throw FieldError(message: "record has no stack (no address after \"@\")") }
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
}

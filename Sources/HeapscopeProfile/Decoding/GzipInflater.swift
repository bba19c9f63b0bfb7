import CZlib

/// Incremental gzip inflation bounded by a size cap: compressed chunks are
/// fed as they arrive (from a file or a network download) and inflation
/// stops with `ProfileError.decompressedSizeLimit` as soon as the output
/// passes the cap, so a gzip bomb is refused before it is read whole.
/// Several gzip members are read one after another; each member's CRC and
/// length are checked by zlib.
public final class GzipInflater {
    /// The largest output accepted, in bytes.
    public let limit: Int
    private var output: [UInt8] = []
    private let stream: UnsafeMutablePointer<z_stream>
    private var chunk: [UInt8]
    /// True between the end of one member and the first bytes of the next.
    private var betweenMembers = false
    /// Bytes after a member's end, held until the next member's magic is seen.
    private var pendingMagic: [UInt8] = []
    /// Compressed bytes consumed so far (for error offsets).
    private var consumed = 0
    private var failed = false

    /// - Parameters:
    ///   - limit: the cap on the inflated size.
    ///   - capacity: bytes to reserve for the output up front.
    public init(limit: Int, capacity: Int = 0) throws(ProfileError) {
        self.limit = limit
        chunk = [UInt8](repeating: 0, count: 1 << 18)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .decompression("zlib could not be initialised")
        }
        output.reserveCapacity(min(capacity, limit))
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The number of inflated bytes so far.
    public var inflatedCount: Int { output.count }

    /// Inflates the next compressed bytes.
    /// - Throws: `ProfileError.decompression` for corrupt data,
    ///   `ProfileError.decompressedSizeLimit` once the output passes `limit`.
    public func feed(_ input: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        guard !failed else { throw .decompression("inflation already failed") }
        do throws(ProfileError) {
            try inflate(input)
        } catch {
            failed = true
            throw error
        }
    }

    /// Ends the stream and returns the inflated bytes.
    /// - Throws: `ProfileError.decompression` when the last member is cut short.
    public func finish() throws(ProfileError) -> [UInt8] {
        guard betweenMembers, pendingMagic.isEmpty else {
            throw .decompression("gzip stream is truncated (unexpected end of input)")
        }
        defer { output = [] }
        return output
    }

    private func inflate(_ input: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        guard var base = input.baseAddress, !input.isEmpty else { return }
        var remaining = input.count
        if betweenMembers {
            // Another gzip member must start with the magic 1f 8b.
            let needed = min(2 - pendingMagic.count, remaining)
            pendingMagic += UnsafeBufferPointer(start: base, count: needed)
            if pendingMagic.count < 2 { return }
            guard pendingMagic == [0x1f, 0x8b] else {
                throw .decompression("unexpected data after the gzip stream at byte \(consumed)")
            }
            guard inflateReset(stream) == Z_OK else { throw .decompression("zlib could not be reset") }
            betweenMembers = false
            let magic = pendingMagic
            pendingMagic = []
            try magic.withUnsafeBufferPointer { (held: UnsafeBufferPointer<UInt8>) throws(ProfileError) in
                try inflateMember(held)
            }
            base += needed
            remaining -= needed
        }
        try inflateMember(UnsafeBufferPointer(start: base, count: remaining))
    }

    /// Inflates `input` into the current member, moving on to the next
    /// member when one ends and more input follows.
    private func inflateMember(_ input: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        guard let inBase = input.baseAddress, !input.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inBase)
        stream.pointee.avail_in = UInt32(clamping: input.count)
        var taken = 0
        let chunkSize = chunk.count
        var failure: ProfileError?
        chunk.withUnsafeMutableBufferPointer { outBuf in
            guard let outBase = outBuf.baseAddress else { return }
            while true {
                stream.pointee.next_out = outBase
                stream.pointee.avail_out = UInt32(chunkSize)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                let produced = chunkSize - Int(stream.pointee.avail_out)
                if produced > 0 {
                    if output.count + produced > limit {
                        failure = .decompressedSizeLimit(limit)
                        return
                    }
                    output.append(contentsOf: UnsafeBufferPointer(start: outBase, count: produced))
                }
                taken = input.count - Int(stream.pointee.avail_in)
                switch status {
                case Z_OK:
                    // Feed the rest once zlib has taken all it was given.
                    if stream.pointee.avail_in == 0 && taken < input.count {
                        stream.pointee.avail_in = UInt32(clamping: input.count - taken)
                    }
                    if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 { return }
                case Z_STREAM_END:
                    betweenMembers = true
                    return
                case Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0 && taken < input.count {
                        stream.pointee.avail_in = UInt32(clamping: input.count - taken)
                        continue
                    }
                    // zlib needs more input than this chunk: wait for the next.
                    return
                default:
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = .decompression("corrupt gzip data: \(reason)")
                    return
                }
            }
        }
        consumed += taken
        if let failure { throw failure }
        if betweenMembers && taken < input.count {
            try inflate(UnsafeBufferPointer(rebasing: input[taken...]))
        }
    }
}

import CZlib

/// A gzip stream inflated as its bytes arrive: each `feed` hands zlib at
/// most `inputChunk` bytes at a time (so 32-bit `avail_in` never wraps) and
/// appends the output, failing once it passes `limit`. Several gzip members
/// are read one after another, as gzip and Go's reader do.
package final class GzipInflater {
    /// The most input given to zlib in one call.
    static let inputChunk = 1 << 20
    private static let outputChunk = 1 << 18

    private let stream: UnsafeMutablePointer<z_stream>
    private let outputBuffer: UnsafeMutablePointer<UInt8>
    private let limit: Int
    /// Compressed bytes consumed so far (for messages).
    private var consumed = 0
    /// True between members: the next bytes must start a new member.
    private var memberEnded = false
    /// The first byte of a possible next member, when a chunk ended after it.
    private var carry: [UInt8] = []
    private var sawInput = false

    package init(limit: Int) throws(ProfileError) {
        self.limit = limit
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        outputBuffer = .allocate(capacity: Self.outputChunk)
        guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            outputBuffer.deallocate()
            throw .decompression("zlib could not be initialised")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        outputBuffer.deallocate()
    }

    /// Inflates `input`, appending what it yields to `output`.
    package func feed(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(ProfileError) {
        var sink = ArrayOutput(bytes: output, scratch: outputBuffer, scratchCount: Self.outputChunk, limit: limit)
        output = []
        defer { output = sink.bytes }
        try feed(input, into: &sink)
    }

    /// Inflates `input` straight into `output`'s reserved memory.
    func feed(_ input: UnsafeBufferPointer<UInt8>, into output: InflatedBuffer) throws(ProfileError) {
        var sink = BufferOutput(buffer: output, limit: limit)
        try feed(input, into: &sink)
    }

    private func feed<Output: InflateOutput>(_ input: UnsafeBufferPointer<UInt8>, into output: inout Output) throws(ProfileError) {
        guard !input.isEmpty else { return }
        if !carry.isEmpty {
            let joined = carry + Array(input)
            carry = []
            try joined.withUnsafeBufferPointer { (buffer) throws(ProfileError) in try feedChunks(buffer, into: &output) }
        } else {
            try feedChunks(input, into: &output)
        }
    }

    /// Checks that the input ended at the end of a member.
    package func finish() throws(ProfileError) {
        if !carry.isEmpty {
            throw .decompression("unexpected data after the gzip stream at byte \(consumed)")
        }
        if sawInput && !memberEnded {
            throw .decompression("gzip stream is truncated (unexpected end of input)")
        }
    }

    private func feedChunks<Output: InflateOutput>(_ input: UnsafeBufferPointer<UInt8>, into output: inout Output) throws(ProfileError) {
        guard let base = input.baseAddress else { return }
        sawInput = true
        var offset = 0
        while offset < input.count {
            if memberEnded {
                if input.count - offset < 2 {
                    carry = [input[offset]]
                    return
                }
                guard input[offset] == 0x1f, input[offset + 1] == 0x8b else {
                    throw .decompression("unexpected data after the gzip stream at byte \(consumed)")
                }
                guard inflateReset(stream) == Z_OK else { throw .decompression("zlib could not be reset") }
                memberEnded = false
            }
            let length = min(input.count - offset, Self.inputChunk)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base + offset)
            stream.pointee.avail_in = UInt32(length)
            try inflateAvailable(into: &output)
            let used = length - Int(stream.pointee.avail_in)
            guard used > 0 || memberEnded else { throw .decompression("corrupt gzip data: zlib made no progress") }
            offset += used
            consumed += used
        }
    }

    /// Runs zlib until it has taken all its input or ended a member.
    private func inflateAvailable<Output: InflateOutput>(into output: inout Output) throws(ProfileError) {
        while true {
            let (room, roomCount) = output.room()
            stream.pointee.next_out = room
            stream.pointee.avail_out = UInt32(roomCount)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let produced = roomCount - Int(stream.pointee.avail_out)
            if produced > 0 { try output.commit(produced) }
            switch status {
            case Z_STREAM_END:
                memberEnded = true
                return
            case Z_OK:
                if stream.pointee.avail_out == 0 { continue }  // more output may be pending
                if stream.pointee.avail_in == 0 { return }
            case Z_BUF_ERROR:
                return  // no progress possible without more input
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .decompression("corrupt gzip data: \(reason)")
            }
        }
    }
}

/// Where zlib writes: `room` is the memory for the next call, `commit`
/// takes the bytes written there (failing once the output passes the cap).
private protocol InflateOutput {
    mutating func room() -> (UnsafeMutablePointer<UInt8>, Int)
    mutating func commit(_ count: Int) throws(ProfileError)
}

/// Output appended to an array through the inflater's scratch buffer.
private struct ArrayOutput: InflateOutput {
    var bytes: [UInt8]
    let scratch: UnsafeMutablePointer<UInt8>
    let scratchCount: Int
    let limit: Int

    func room() -> (UnsafeMutablePointer<UInt8>, Int) { (scratch, scratchCount) }

    mutating func commit(_ count: Int) throws(ProfileError) {
        guard count <= limit - bytes.count else { throw .decompressedSizeLimit(limit) }
        bytes.append(contentsOf: UnsafeBufferPointer(start: scratch, count: count))
    }
}

/// Output written in place into a reserved buffer (no copy).
private struct BufferOutput: InflateOutput {
    let buffer: InflatedBuffer
    let limit: Int

    func room() -> (UnsafeMutablePointer<UInt8>, Int) {
        (buffer.base + buffer.count, min(buffer.capacity - buffer.count, 1 << 22))
    }

    mutating func commit(_ count: Int) throws(ProfileError) {
        guard count <= limit - buffer.count else { throw .decompressedSizeLimit(limit) }
        buffer.count += count
    }
}

import CZlib

/// A gzip stream inflated as its bytes arrive: each `feed` hands zlib at
/// most `inputChunk` bytes at a time (so 32-bit `avail_in` never wraps) and
/// appends the output, failing once it passes `limit`. Several gzip members
/// are read one after another, as gzip and Go's reader do.
final class GzipInflater {
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

    init(limit: Int) throws(ProfileError) {
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
    func feed(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(ProfileError) {
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
    func finish() throws(ProfileError) {
        if !carry.isEmpty {
            throw .decompression("unexpected data after the gzip stream at byte \(consumed)")
        }
        if sawInput && !memberEnded {
            throw .decompression("gzip stream is truncated (unexpected end of input)")
        }
    }

    private func feedChunks(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(ProfileError) {
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
    private func inflateAvailable(into output: inout [UInt8]) throws(ProfileError) {
        while true {
            stream.pointee.next_out = outputBuffer
            stream.pointee.avail_out = UInt32(Self.outputChunk)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let produced = Self.outputChunk - Int(stream.pointee.avail_out)
            if produced > 0 {
                guard produced <= limit - output.count else { throw .decompressedSizeLimit(limit) }
                output.append(contentsOf: UnsafeBufferPointer(start: outputBuffer, count: produced))
            }
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

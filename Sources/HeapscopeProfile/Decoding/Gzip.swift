import CZlib

/// gzip decompression through the system zlib, bounded by a size cap.
public enum Gzip {
    /// True when `bytes` starts with the gzip magic `1f 8b`.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates a gzip stream (several members are read one after another),
    /// checking each member's CRC and length.
    /// - Throws: `ProfileError.decompression` for corrupt or truncated input,
    ///   `ProfileError.decompressedSizeLimit` once the output passes `limit`.
    public static func inflate(_ input: [UInt8], limit: Int) throws(ProfileError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(initialCapacity(input, limit: limit))
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .decompression("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }

        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var consumed = 0
        var failure: ProfileError?

        input.withUnsafeBufferPointer { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: inBase)
            stream.avail_in = UInt32(clamping: inBuf.count)
            chunk.withUnsafeMutableBufferPointer { outBuf in
                guard let outBase = outBuf.baseAddress else { return }
                while true {
                    stream.next_out = outBase
                    stream.avail_out = UInt32(chunkSize)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkSize - Int(stream.avail_out)
                    if produced > 0 {
                        if output.count + produced > limit {
                            failure = .decompressedSizeLimit(limit)
                            return
                        }
                        output.append(contentsOf: UnsafeBufferPointer(start: outBase, count: produced))
                    }
                    consumed = inBuf.count - Int(stream.avail_in)
                    switch status {
                    case Z_OK:
                        // Feed more input once zlib has taken all it was given.
                        if stream.avail_in == 0 && consumed < inBuf.count {
                            stream.avail_in = UInt32(clamping: inBuf.count - consumed)
                        }
                        continue
                    case Z_STREAM_END:
                        let rest = inBuf.count - consumed
                        if rest == 0 { return }
                        // Another gzip member follows: read it too.
                        guard rest >= 2, inBase[consumed] == 0x1f, inBase[consumed + 1] == 0x8b else {
                            failure = .decompression("unexpected data after the gzip stream at byte \(consumed)")
                            return
                        }
                        guard inflateReset(&stream) == Z_OK else {
                            failure = .decompression("zlib could not be reset")
                            return
                        }
                        stream.next_in = UnsafeMutablePointer(mutating: inBase + consumed)
                        stream.avail_in = UInt32(clamping: rest)
                    case Z_BUF_ERROR:
                        if stream.avail_in == 0 && consumed < inBuf.count {
                            stream.avail_in = UInt32(clamping: inBuf.count - consumed)
                            continue
                        }
                        failure = .decompression("gzip stream is truncated (unexpected end of input)")
                        return
                    default:
                        let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        failure = .decompression("corrupt gzip data: \(reason)")
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    /// The output size the gzip trailer announces (modulo 2^32), clamped to
    /// `limit`: a good first guess that avoids regrowing the buffer.
    private static func initialCapacity(_ input: [UInt8], limit: Int) -> Int {
        guard input.count >= 18 else { return 0 }
        let n = input.count
        let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
        return min(max(isize, input.count), limit, 1 << 31)
    }
}

import CZlib

extension Gzip {
    /// Compresses `input` as one gzip member through the system zlib, at
    /// zlib's fastest level (large profiles are written in a fraction of the
    /// time level 6 takes, at a slightly larger size).
    public static func deflate(_ input: [UInt8], level: Int32 = Z_BEST_SPEED) throws(ProfileError) -> [UInt8] {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            throw .compression("zlib could not be initialised")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var status: Int32 = Z_OK
        var produced = 0
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = UInt32(clamping: inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(clamping: outBuf.count)
                status = CZlib.deflate(&stream, Z_FINISH)
                produced = outBuf.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else {
            throw .compression("zlib status \(status)")
        }
        output.removeSubrange(produced...)
        return output
    }
}

import CZlib

/// gzip decompression through the system zlib, bounded by a size cap.
public enum Gzip {
    /// True when `bytes` starts with the gzip magic `1f 8b`.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates a gzip stream (several members are read one after another),
    /// checking each member's CRC and length. Input of any size is handed to
    /// zlib in chunks, so zlib's 32-bit counters never wrap.
    /// - Throws: `ProfileError.decompression` for corrupt or truncated input,
    ///   `ProfileError.decompressedSizeLimit` once the output passes `limit`.
    public static func inflate(_ input: [UInt8], limit: Int) throws(ProfileError) -> [UInt8] {
        let inflater = try GzipInflater(limit: limit)
        var output: [UInt8] = []
        output.reserveCapacity(initialCapacity(input, limit: limit))
        var failure: ProfileError?
        input.withUnsafeBufferPointer { buffer in
            do throws(ProfileError) {
                try inflater.feed(buffer, into: &output)
                try inflater.finish()
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return output
    }

    /// The output size the gzip trailer announces (modulo 2^32), clamped to
    /// `limit`: a good first guess that avoids regrowing the buffer.
    private static func initialCapacity(_ input: [UInt8], limit: Int) -> Int {
        guard input.count >= 18 else { return 0 }
        return trailerSize(Array(input.suffix(4)), compressedSize: input.count, limit: limit)
    }

    /// The capacity to reserve for a gzip stream of `compressedSize` bytes
    /// whose last four bytes are `trailer`: its ISIZE, at least the
    /// compressed size, at most `limit` and 2 GiB.
    static func trailerSize(_ trailer: [UInt8], compressedSize: Int, limit: Int) -> Int {
        guard trailer.count == 4 else { return 0 }
        let isize = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
        return min(max(isize, compressedSize), limit, 1 << 31)
    }
}

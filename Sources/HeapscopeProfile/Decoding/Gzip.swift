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
        let inflater = try GzipInflater(limit: limit, capacity: initialCapacity(input, limit: limit))
        try input.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(ProfileError) in
            try inflater.feed(buffer)
        }
        return try inflater.finish()
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

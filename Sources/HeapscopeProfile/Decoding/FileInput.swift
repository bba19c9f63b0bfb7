import Foundation

extension ProfileDecoder {
    /// A profile's bytes as read: decompressed when the input was gzip.
    struct Input {
        var bytes: [UInt8]
        var wasGzip: Bool
    }

    /// The first bytes of an input, read before deciding how to read the rest.
    struct StreamStart: Sendable {
        let fd: Int32
        /// The size cap.
        let limit: Int
        /// The file's size when it is a regular file, else 0.
        let fileSize: Int
        var chunk: [UInt8]
        /// How many bytes of `chunk` were read (0: the input is empty).
        let count: Int

        var isGzip: Bool { count >= 2 && chunk[0] == 0x1f && chunk[1] == 0x8b }
        /// Compressed input cannot usefully be much larger than its output.
        var compressedLimit: Int { limit + limit / 8 + (1 << 20) }
    }

    /// Opens `path` and decodes it through `decodeStream`.
    static func decodeFile(_ path: String, options: DecodeOptions) throws(ProfileError) -> Profile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(reason(errno)) }
        defer { close(fd) }
        return try decodeStream(fd, options: options)
    }

    /// Decodes a file, device, FIFO or standard input read through one
    /// capped stream. gzip is decoded while it is inflated (on two threads
    /// when `maxConcurrency` allows and the buffer can be reserved), other
    /// input is read whole first (`readCapped`).
    static func decodeStream(_ fd: Int32, options: DecodeOptions) throws(ProfileError) -> Profile {
        let stream = try startStream(fd, limit: options.maxDecompressedBytes)
        if stream.isGzip, options.maxConcurrency > 1, let buffer = InflatedBuffer(limit: stream.limit) {
            return try decodeOverlapped(stream, buffer: buffer, options: options)
        }
        return try decode(try readCapped(stream), options: options)
    }

    /// Checks the descriptor and reads the first bytes.
    private static func startStream(_ fd: Int32, limit requestedLimit: Int) throws(ProfileError) -> StreamStart {
        let limit = min(max(requestedLimit, 0), 1 << 62)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(reason(EISDIR)) }
        let fileSize = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        var chunk = [UInt8](repeating: 0, count: GzipInflater.inputChunk)
        let count = try readSome(fd, into: &chunk, atLeast: 2, atMost: limit + 1)
        return StreamStart(fd: fd, limit: limit, fileSize: fileSize, chunk: chunk, count: count)
    }

    /// Reads the rest of the stream: gzip is inflated as it arrives and
    /// never yields more than the cap; raw input is never read past the
    /// cap; input that cannot be protobuf fails after its first bad field.
    private static func readCapped(_ stream: StreamStart) throws(ProfileError) -> Input {
        let (fd, limit, fileSize) = (stream.fd, stream.limit, stream.fileSize)
        var chunk = stream.chunk
        var count = stream.count
        guard count > 0 else { return Input(bytes: [], wasGzip: false) }
        let isGzip = stream.isGzip
        var output: [UInt8] = []
        var scanner = TopLevelScanner(limit: limit)
        var scanning: Bool?  // decided once 512 bytes (or all) are in: text is not scanned
        let inflater = isGzip ? try GzipInflater(limit: limit) : nil
        if let inflater {
            output.reserveCapacity(gzipCapacity(fd, fileSize: fileSize, limit: limit))
            let compressedLimit = stream.compressedLimit
            var compressed = 0
            while count > 0 {
                compressed += count
                guard compressed <= compressedLimit else { throw .decompressedSizeLimit(limit) }
                try chunk.withUnsafeBufferPointer { (buffer) throws(ProfileError) in
                    try inflater.feed(UnsafeBufferPointer(rebasing: buffer[0..<count]), into: &output)
                }
                try scanOutput(output, scanner: &scanner, scanning: &scanning, final: false)
                count = try readSome(fd, into: &chunk, atLeast: 1, atMost: compressedLimit - compressed + 1)
            }
            try inflater.finish()
        } else {
            output.reserveCapacity(min(fileSize, limit))
            while count > 0 {
                guard count <= limit - output.count else { throw .decompressedSizeLimit(limit) }
                output.append(contentsOf: chunk[0..<count])
                try scanOutput(output, scanner: &scanner, scanning: &scanning, final: false)
                // One byte past the cap is enough to know the input is too large.
                count = try readSome(fd, into: &chunk, atLeast: 1, atMost: limit - output.count + 1)
            }
        }
        try scanOutput(output, scanner: &scanner, scanning: &scanning, final: true)
        return Input(bytes: output, wasGzip: isGzip)
    }

    /// Feeds the bytes read so far to the scanner, once the first bytes show
    /// protobuf (text and legacy formats are read whole, then parsed).
    private static func scanOutput(
        _ output: [UInt8], scanner: inout TopLevelScanner, scanning: inout Bool?,
        final: Bool
    ) throws(ProfileError) {
        try output.withUnsafeBufferPointer { (buffer) throws(ProfileError) in
            if scanning == nil { scanning = scanDecision(buffer, final: final) }
            guard scanning == true, !final else { return }
            try scanner.scan(buffer)
        }
    }

    /// Whether the bytes read so far are scanned as protobuf while they
    /// arrive: decided once 512 bytes (or all of them) are in; text and
    /// legacy formats are not scanned. nil: not decided yet.
    static func scanDecision(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Bool? {
        guard bytes.count >= 512 || final else { return nil }
        if case .protobuf = ProfileFormat.sniff(Array(bytes.prefix(4096))) { return true }
        return false
    }

    /// Reads into `buffer` until it holds `atLeast` bytes or the input ends,
    /// never more than `atMost`; returns the count (0 at the end of the input).
    static func readSome(_ fd: Int32, into buffer: inout [UInt8], atLeast: Int, atMost: Int = .max) throws(ProfileError) -> Int {
        var count = 0
        let capacity = min(buffer.count, max(atMost, atLeast))
        while count < atLeast {
            let result = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + count, capacity - count)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .unreadable(reason(errno))
            }
            if result == 0 { break }
            count += result
        }
        return count
    }

    /// The output capacity a regular gzip file announces in its trailer.
    private static func gzipCapacity(_ fd: Int32, fileSize: Int, limit: Int) -> Int {
        guard fileSize >= 18 else { return 0 }
        var trailer = [UInt8](repeating: 0, count: 4)
        let got = trailer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, off_t(fileSize - 4)) }
        guard got == 4 else { return 0 }
        return Gzip.trailerSize(trailer, compressedSize: fileSize, limit: limit)
    }

    /// strerror's text in lower case, as Go and the shell print it
    /// ("no such file or directory").
    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

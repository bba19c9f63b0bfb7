import Foundation
import HeapscopeProfile
import HeapscopeTestSupport
import Testing

/// The streaming inflater gives the same bytes and errors whatever the
/// chunking of its input (a download arrives in arbitrary pieces).
@Suite struct GzipInflaterTests {
    static let raw: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }

    static func inflate(_ input: [UInt8], chunk: Int, limit: Int = 1 << 30) throws -> [UInt8] {
        let inflater = try GzipInflater(limit: limit)
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunk)
            try input[start..<end].withUnsafeBufferPointer { try inflater.feed($0) }
            start = end
        }
        return try inflater.finish()
    }

    @Test(arguments: [1, 2, 7, 4096, 1 << 20])
    func chunkingDoesNotMatter(chunk: Int) throws {
        let gz = try gzipped(Self.raw)
        #expect(try Self.inflate(gz, chunk: chunk) == Self.raw)
        // Two members, split anywhere, read one after another.
        #expect(try Self.inflate(gz + gz, chunk: chunk) == Self.raw + Self.raw)
    }

    @Test(arguments: [1, 3, 1 << 20])
    func truncatedAndTrailingGarbage(chunk: Int) throws {
        let gz = try gzipped(Self.raw)
        #expect(throws: ProfileError.decompression("gzip stream is truncated (unexpected end of input)")) {
            _ = try Self.inflate(Array(gz.dropLast(5)), chunk: chunk)
        }
        #expect(throws: ProfileError.decompression("unexpected data after the gzip stream at byte \(gz.count)")) {
            _ = try Self.inflate(gz + [0x00, 0x01], chunk: chunk)
        }
    }

    @Test func capStopsMidStream() throws {
        let bomb = try gzipped([UInt8](repeating: 0, count: 16 << 20))
        let inflater = try GzipInflater(limit: 1 << 20)
        var fed = 0
        #expect(throws: ProfileError.decompressedSizeLimit(1 << 20)) {
            for start in stride(from: 0, to: bomb.count, by: 1024) {
                try bomb[start..<min(bomb.count, start + 1024)].withUnsafeBufferPointer { try inflater.feed($0) }
                fed = start + 1024
            }
        }
        // The cap is hit long before the whole bomb has been fed.
        #expect(fed < bomb.count / 2)
    }
}

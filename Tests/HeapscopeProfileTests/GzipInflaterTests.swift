import Foundation
import HeapscopeTestSupport
import Testing

@testable import HeapscopeProfile

/// The streaming inflater gives the same bytes however its input is split,
/// across members and chunk boundaries; zlib never sees more than one chunk.
@Suite("Streaming gzip")
struct GzipInflaterTests {
    static func payload(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 60)  // low entropy: compresses well
        }
    }

    @Test("split at every size", arguments: [1, 2, 3, 7, 4096, GzipInflater.inputChunk + 1])
    func splits(_ piece: Int) throws {
        let a = Self.payload(3 << 20, seed: 1)
        let b = Self.payload(1000, seed: 2)
        let input = try gzipped(a) + gzipped(b)
        let inflater = try GzipInflater(limit: 1 << 30)
        var output: [UInt8] = []
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + piece)
            try Array(input[offset..<end]).withUnsafeBufferPointer { (buffer) throws(ProfileError) in
                try inflater.feed(buffer, into: &output)
            }
            offset = end
        }
        try inflater.finish()
        #expect(output == a + b)
    }

    @Test func trailingByteAfterAMember() throws {
        let input = try gzipped([1, 2, 3]) + [0x1f]
        #expect(throws: ProfileError.decompression("unexpected data after the gzip stream at byte \(input.count - 1)")) {
            _ = try Gzip.inflate(input, limit: 1 << 20)
        }
    }

    @Test func capIsExact() throws {
        let input = try gzipped([UInt8](repeating: 7, count: 100_000))
        #expect(try Gzip.inflate(input, limit: 100_000).count == 100_000)
        #expect(throws: ProfileError.decompressedSizeLimit(99_999)) { _ = try Gzip.inflate(input, limit: 99_999) }
    }
}

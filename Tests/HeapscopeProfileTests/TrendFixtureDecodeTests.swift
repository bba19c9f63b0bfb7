import Foundation
import HeapscopeProfile
import Testing

/// The decoder against the independent Go encoder of
/// Fixtures/generators/trendshapes (values from its doc comment).
@Suite("decoding the trendshapes fixtures")
struct TrendFixtureDecodeTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func decode(_ path: String) throws -> Profile {
        try ProfileDecoder.decode(contentsOf: root.appendingPathComponent(path).path)
    }

    /// inuse_space of each leaf function, by name.
    static func inuse(_ profile: Profile) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for sample in 0..<profile.sampleCount {
            guard let leaf = profile.stack(ofSample: sample).first,
                let line = profile.lines(of: profile.locations[Int(leaf)]).first
            else { continue }
            result[profile.name(of: profile.functions[Int(line.function)]), default: 0] += profile.value(ofSample: sample, index: 3)
        }
        return result
    }

    @Test func gzippedShapes() throws {
        let profile = try Self.decode("Fixtures/profiles/trend/shapes-4.pb.gz")
        #expect(Array(profile.sampleTypeNames) == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        // 2026-01-01T00:30:00Z.
        #expect(profile.timeNanos == 1_767_227_400_000_000_000)
        #expect(profile.period == 524288)
        #expect(profile.periodType == ValueType(type: "space", unit: "bytes"))
        let mib: Int64 = 1 << 20
        #expect(
            Self.inuse(profile) == [
                "main.linear": 16 * mib, "main.step": 8 * mib, "main.sawtooth": 12 * mib, "main.shrinking": 12 * mib,
                "main.appearing": 8 * mib, "main.steady": 16 * mib + 32 * 1024, "main.tiny": 4 * 64 * 1024,
            ])
        let bytesKey = try #require(profile.strings.firstIndex(of: "bytes"))
        let sizes = (0..<profile.sampleCount).compactMap { profile.labels(ofSample: $0).first { $0.key == Int32(bytesKey) }?.num }
        #expect(sizes.sorted() == [64, 128, 256, 512, 1024, 2048, 4096])
    }

    @Test func rawProtobufWithoutTime() throws {
        let profile = try Self.decode("Fixtures/profiles/trend/notime/notime-2.pb")
        #expect(profile.timeNanos == 0)
        #expect(Self.inuse(profile) == ["main.linear": 8 << 20])
    }
}

import Foundation
import Testing

@testable import HeapscopeProfile

/// Every committed profile, relative to the repository root.
let fixtureProfiles: [String] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let base = root.appendingPathComponent("Fixtures/profiles")
    let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".pb.gz") || $0.hasSuffix(".pb") }.sorted().map { base.appendingPathComponent($0).path }
}()

@Suite("ProfileEncoder writes what ProfileDecoder reads")
struct EncoderTests {
    @Test(arguments: fixtureProfiles)
    func roundTrip(_ path: String) throws {
        let original = try ProfileDecoder.decode(contentsOf: path)
        for bytes in [ProfileEncoder.encode(original), try ProfileEncoder.encodeGzipped(original)] {
            let decoded = try ProfileDecoder.decode(bytes)
            #expect(decoded.strings.starts(with: original.strings))
            #expect(decoded.sampleTypes == original.sampleTypes)
            #expect(decoded.defaultSampleType == original.defaultSampleType)
            #expect(decoded.sampleLocationStarts == original.sampleLocationStarts)
            #expect(decoded.sampleLocations == original.sampleLocations)
            #expect(decoded.sampleValues == original.sampleValues)
            #expect(decoded.sampleLabelStarts == original.sampleLabelStarts)
            #expect(decoded.labels == original.labels)
            #expect(decoded.lines == original.lines)
            #expect(decoded.locations.map(\.address) == original.locations.map(\.address))
            #expect(decoded.locations.map(\.mapping) == original.locations.map(\.mapping))
            #expect(decoded.functions.map(decoded.name) == original.functions.map(original.name))
            #expect(decoded.functions.map(decoded.filename) == original.functions.map(original.filename))
            #expect(decoded.functions.map(\.startLine) == original.functions.map(\.startLine))
            #expect(decoded.mappings.map(decoded.file) == original.mappings.map(original.file))
            #expect(decoded.mappings.map(decoded.buildID) == original.mappings.map(original.buildID))
            #expect(decoded.mappings.map(decoded.addresses) == original.mappings.map(original.addresses))
            #expect(decoded.mappings.map(\.hasFunctions) == original.mappings.map(\.hasFunctions))
            #expect(decoded.timeNanos == original.timeNanos)
            #expect(decoded.durationNanos == original.durationNanos)
            #expect(decoded.period == original.period)
            #expect(decoded.periodType == original.periodType)
            #expect(decoded.comments == original.comments)
            #expect(decoded.dropFrames == original.dropFrames && decoded.keepFrames == original.keepFrames)
        }
    }

    @Test func gzipOutputInflatesToTheProtobuf() throws {
        let original = try ProfileDecoder.decode(contentsOf: fixtureProfiles[0])
        let gzipped = try ProfileEncoder.encodeGzipped(original)
        #expect(Gzip.isGzip(gzipped))
        #expect(try Gzip.inflate(gzipped, limit: 1 << 30) == ProfileEncoder.encode(original))
    }

    /// Large profiles are written as several gzip members, one per part.
    @Test(arguments: [2, 3, 7])
    func partsDecodeToTheSameProfile(_ parts: Int) throws {
        let original = try ProfileDecoder.decode(contentsOf: fixtureProfiles.first { $0.hasSuffix("stdlib.pb.gz") } ?? "")
        let gzipped = try ProfileEncoder.encodeGzipped(original, parts: parts)
        #expect(try Gzip.inflate(gzipped, limit: 1 << 30) == ProfileEncoder.encode(original))
        let decoded = try ProfileDecoder.decode(gzipped)
        #expect(decoded.sampleLocations == original.sampleLocations && decoded.sampleValues == original.sampleValues)
    }

    @Test func varintsOfEveryLength() {
        var writer = WireWriter()
        for shift in 0..<64 {
            let value = UInt64(1) << UInt64(shift)
            writer.reset()
            writer.varint(value)
            #expect(writer.bytes.count == WireWriter.varintSize(value))
            #expect(writer.bytes.count == shift / 7 + 1)
        }
        writer.reset()
        writer.varint(UInt64.max)
        #expect(writer.bytes == [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    }
}

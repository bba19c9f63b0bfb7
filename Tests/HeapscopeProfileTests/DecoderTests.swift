import Foundation
import HeapscopeTestSupport
import Testing

@testable import HeapscopeProfile

@Suite("Decoding valid profiles")
struct DecoderTests {
    static let sample = SyntheticProfile(
        samples: [
            .init(["main.leaf", "main.mid", "main.main"], [1, 100, 1, 100], bytesLabel: 100),
            .init(["main.other", "main.main"], [2, 300, 0, 0]),
        ], timeNanos: 1_700_000_000_000_000_000)

    @Test func decodesRawProtobuf() throws {
        let profile = try ProfileDecoder.decode(Self.sample.encoded())
        #expect(Array(profile.sampleTypeNames) == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(profile.sampleCount == 2)
        #expect(profile.value(ofSample: 1, index: 1) == 300)
        #expect(profile.timeNanos == 1_700_000_000_000_000_000)
        #expect(profile.period == 524288)
        #expect(profile.periodType == ValueType(type: "space", unit: "bytes"))
        let leaf = profile.locations[Int(profile.stack(ofSample: 0).first ?? 99)]
        let function = profile.functions[Int(profile.lines(of: leaf).first?.function ?? 99)]
        #expect(profile.name(of: function) == "main.leaf")
        #expect(profile.filename(of: function) == "main.go")
        let label = try #require(profile.labels(ofSample: 0).first)
        #expect(profile.string(label.key) == "bytes" && label.num == 100)
        #expect(profile.mainMapping.map(profile.file) == "/tmp/app")
    }

    @Test func packedAndUnpackedAreTheSame() throws {
        var unpacked = Self.sample
        unpacked.unpacked = true
        let a = try ProfileDecoder.decode(Self.sample.encoded())
        let b = try ProfileDecoder.decode(unpacked.encoded())
        #expect(a.sampleValues == b.sampleValues)
        #expect(a.sampleLocations == b.sampleLocations)
        #expect(a.sampleLocationStarts == b.sampleLocationStarts)
    }

    @Test func gzipAndMultiMemberGzip() throws {
        let raw = Self.sample.encoded()
        let gz = try gzipped(raw)
        let one = try ProfileDecoder.decode(gz)
        #expect(one.sampleValues == (try ProfileDecoder.decode(raw)).sampleValues)
        // Two gzip members holding halves of the same protobuf stream.
        let half = raw.count / 2
        let twoMembers = try gzipped(Array(raw[..<half])) + gzipped(Array(raw[half...]))
        #expect(try ProfileDecoder.decode(twoMembers).sampleValues == one.sampleValues)
    }

    @Test func skipsUnknownFieldsOfEveryWireType() throws {
        var w = ProtoWriter()
        w.append(Self.sample.encoded())
        w.int(99, 7)  // varint
        w.key(98, 1)
        w.append([1, 2, 3, 4, 5, 6, 7, 8])  // fixed64
        w.key(97, 5)
        w.append([1, 2, 3, 4])  // fixed32
        w.string(96, "ignored")  // length-delimited
        let profile = try ProfileDecoder.decode(w.bytes)
        #expect(profile.sampleCount == 2)
    }

    /// Ids that follow each other, small ids out of order and ids far apart
    /// each take another id table (`IDIndex`); every reference resolves the same.
    @Test(arguments: [[1, 2, 3], [3, 1, 2], [900_000_000_007, 5, 1 << 40]] as [[Int64]])
    func idsResolveWhateverTheirSpacing(_ ids: [Int64]) throws {
        var w = ProtoWriter()
        for s in ["", "inuse_space", "bytes", "f0", "f1", "f2", "/bin/m0", "/bin/m1", "/bin/m2"] { w.string(6, s) }
        w.message(1) {
            $0.int(1, 1)
            $0.int(2, 2)
        }
        for (index, id) in ids.enumerated() {
            w.message(3) {
                $0.int(1, id)
                $0.int(5, Int64(6 + index))
            }
            w.message(5) {
                $0.int(1, id)
                $0.int(2, Int64(3 + index))
            }
            // Location `id` is in mapping `id` and calls function `id`.
            w.message(4) {
                $0.int(1, id)
                $0.int(2, id)
                $0.message(4) { $0.int(1, id) }
            }
        }
        // One sample per location, in reverse order, valued by its position.
        for (index, id) in ids.enumerated().reversed() {
            w.message(2) {
                $0.int(1, id)
                $0.int(2, Int64(index))
            }
        }
        let profile = try ProfileDecoder.decode(w.bytes)
        for sample in 0..<profile.sampleCount {
            let position = Int(profile.value(ofSample: sample, index: 0))
            let location = try #require(profile.stack(ofSample: sample).first.map { profile.locations[Int($0)] })
            #expect(location.id == UInt64(ids[position]))
            let function = try #require(profile.lines(of: location).first.map { profile.functions[Int($0.function)] })
            #expect(profile.name(of: function) == "f\(position)")
            #expect(profile.file(of: profile.mappings[Int(location.mapping)]) == "/bin/m\(position)")
        }
    }

    @Test func realFixturesDecode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let profile = try ProfileDecoder.decode(contentsOf: root.appendingPathComponent("Fixtures/profiles/mapleak.pb.gz").path)
        #expect(profile.sampleTypes.count == 4)
        #expect(profile.sampleCount > 10)
        #expect(profile.functions.contains { profile.name(of: $0) == "main.cacheNeverEvicts" })
    }
}

@Suite("Decoding broken input fails with a typed, located error")
struct DecoderErrorTests {
    static func profile(_ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        var w = ProtoWriter()
        build(&w)
        return w.bytes
    }

    /// Minimal valid parts to build broken profiles from.
    static func strings(_ w: inout ProtoWriter, _ values: [String] = ["", "inuse_space", "bytes", "f"]) {
        for s in values { w.string(6, s) }
    }

    typealias Case = BrokenInput

    static let cases: [Case] = [
        Case(name: "empty", bytes: [], message: "empty input file"),
        Case(
            name: "text", bytes: Array("hello, this is not a profile\n".utf8),
            message:
                "not a pprof profile: the file is text, neither gzip nor protobuf; heapscope reads profile.proto (gzipped or not) and the legacy formats go tool pprof reads: heap text (Go ?debug=1, gperftools), contention text (Go mutex/block ?debug=1, contentionz), Go goroutine/threadcreate text, thread text (threadz), Java text (heapz, contentionz) and the binary CPU format (C++ and Java)"
        ),
        Case(name: "varint cut off", bytes: [0x48, 0xff], message: "parsing profile: bad varint (cut off) in Profile at byte 1"),
        Case(
            name: "varint too long", bytes: [0x48] + [UInt8](repeating: 0xff, count: 10) + [0x01],
            message: "parsing profile: bad varint (overflows 64 bits) in Profile at byte 1"),
        Case(
            name: "length past end", bytes: [0x32, 0x7f, 0x41],
            message: "parsing profile: length 127 runs past the end of the data in Profile at byte 1"),
        Case(
            name: "huge length", bytes: [0x32] + [UInt8](repeating: 0xff, count: 9) + [0x01],
            message: "parsing profile: length 18446744073709551615 runs past the end of the data in Profile at byte 1"),
        Case(name: "unknown wire type", bytes: [0x0b], message: "parsing profile: unknown wire type 3 in Profile at byte 0"),
        Case(
            name: "type mismatch", bytes: [0x08, 0x01],
            message: "parsing profile: type mismatch: field 1 should be length-delimited in Profile at byte 1"),
        Case(
            name: "fixed64 cut off", bytes: [0x49, 0x01, 0x02],
            message: "parsing profile: not enough data for a fixed64 in Profile at byte 1"),
        Case(
            name: "nested message error", bytes: profile { w in w.bytes(4, [0x08]) },
            message: "parsing profile: bad varint (cut off) in Location at byte 3"),
        Case(
            name: "string_table[0] not empty", bytes: profile { w in w.string(6, "x") },
            message: "parsing profile: string_table[0] must be '' in Profile.string_table at byte 1"),
        Case(
            name: "concatenated",
            bytes: profile { w in
                strings(&w)
                w.int(9, 1)
                w.int(9, 2)
            },
            message: "parsing profile: concatenated profiles detected (time_nanos seen twice) in Profile at byte 28"),
        Case(
            name: "string index out of range",
            bytes: profile { w in
                strings(&w)
                w.message(1) {
                    $0.int(1, 1)
                    $0.int(2, 40)
                }
            },
            message: "malformed profile: sample_type 0 unit refers to string 40, but the string table has 4 entries"),
        Case(
            name: "mapping id 0",
            bytes: profile { w in
                strings(&w)
                w.message(3) { $0.int(2, 5) }
            },
            message: "malformed profile: found mapping with reserved ID=0"),
        Case(
            name: "duplicate function id",
            bytes: profile { w in
                strings(&w)
                w.message(5) { $0.int(1, 3) }
                w.message(5) { $0.int(1, 3) }
            },
            message: "malformed profile: multiple functions with same id: 3"),
        Case(
            name: "duplicate mapping id among ids far apart",
            bytes: profile { w in
                strings(&w)
                w.message(3) { $0.int(1, 1 << 40) }
                w.message(3) { $0.int(1, 5) }
                w.message(3) { $0.int(1, 1 << 40) }
            },
            message: "malformed profile: multiple mappings with same id: 1099511627776"),
        Case(
            name: "location id 0",
            bytes: profile { w in
                strings(&w)
                w.message(4) { $0.int(3, 5) }
            },
            message: "malformed profile: found location with reserved ID=0"),
        Case(
            name: "dangling function",
            bytes: profile { w in
                strings(&w)
                w.message(4) {
                    $0.int(1, 1)
                    $0.message(4) { $0.int(1, 9) }
                }
            },
            message: "malformed profile: location id: 1 has a line with nil function (function id 9 does not exist)"),
        Case(
            name: "dangling location",
            bytes: profile { w in
                strings(&w)
                w.message(1) {
                    $0.int(1, 1)
                    $0.int(2, 2)
                }
                w.message(2) {
                    $0.packed(1, [7])
                    $0.packed(2, [1])
                }
            },
            message: "malformed profile: sample 0 has nil location (location id 7 does not exist)"),
        Case(
            name: "value count mismatch",
            bytes: profile { w in
                strings(&w)
                w.message(1) {
                    $0.int(1, 1)
                    $0.int(2, 2)
                }
                w.message(2) { $0.packed(2, [1, 2]) }
            },
            message: "malformed profile: mismatch: sample 0 has 2 values vs. 1 types"),
        Case(
            name: "no sample types",
            bytes: profile { w in
                strings(&w)
                w.message(2) { $0.packed(2, [1]) }
            },
            message: "malformed profile: missing sample type information"),
        Case(
            name: "label string out of range",
            bytes: profile { w in
                strings(&w)
                w.message(1) {
                    $0.int(1, 1)
                    $0.int(2, 2)
                }
                w.message(2) {
                    $0.packed(2, [1])
                    $0.message(3) {
                        $0.int(1, 50)
                        $0.int(3, 1)
                    }
                }
            },
            message: "malformed profile: a label of sample 0 refers to a string past the end of the string table (4 entries)"),
    ]

    @Test(arguments: cases)
    func failsWithMessage(_ c: Case) {
        #expect {
            _ = try ProfileDecoder.decode(c.bytes)
        } throws: { error in
            (error as? ProfileError).map { "\($0)" } == c.message
        }
    }

    @Test func truncatedGzip() throws {
        let gz = try gzipped(DecoderTests.sample.encoded())
        #expect(throws: ProfileError.decompression("gzip stream is truncated (unexpected end of input)")) {
            _ = try ProfileDecoder.decode(Array(gz.prefix(gz.count - 6)))
        }
    }

    @Test func corruptGzipChecksum() throws {
        var gz = try gzipped(DecoderTests.sample.encoded())
        gz[gz.count - 6] ^= 0xff  // a byte of the CRC32 trailer
        #expect(throws: ProfileError.decompression("corrupt gzip data: incorrect data check")) {
            _ = try ProfileDecoder.decode(gz)
        }
    }

    @Test func gzipBombHitsTheCap() throws {
        let bomb = try gzipped([UInt8](repeating: 0, count: 8 << 20))
        #expect(throws: ProfileError.decompressedSizeLimit(1 << 20)) {
            _ = try ProfileDecoder.decode(bomb, options: DecodeOptions(maxDecompressedBytes: 1 << 20))
        }
    }

    @Test func garbageAfterGzip() throws {
        let gz = try gzipped(DecoderTests.sample.encoded()) + [0x00, 0x01, 0x02]
        #expect {
            _ = try ProfileDecoder.decode(gz)
        } throws: { error in
            guard case .decompression(let message) = error as? ProfileError else { return false }
            return message.hasPrefix("unexpected data after the gzip stream at byte")
        }
    }

    /// Random corruption of a raw profile never traps: it decodes, or fails
    /// as broken protobuf, an invalid profile or text, never as anything else.
    @Test func randomCorruptionNeverTraps() throws {
        let raw = DecoderTests.sample.encoded()
        var generator = SeededGenerator("randomCorruptionNeverTraps")
        var decoded = 0
        var failed = 0
        for _ in 0..<2000 {
            var bytes = raw
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator))) }
            do {
                _ = try ProfileDecoder.decode(bytes)
                decoded += 1
            } catch {
                failed += 1
                switch error {
                case .malformed, .invalid, .notAProfile, .emptyInput: break
                default: Issue.record("seed \(generator.seed): unexpected outcome \(error)")
                }
            }
        }
        #expect(decoded > 0, "seed \(generator.seed)")
        #expect(failed > 0, "seed \(generator.seed)")
    }
}

@Suite("Pass 2 split over cores")
struct ParallelDecodeTests {
    /// Options no decode can honour are an error, not a trap.
    @Test func badOptionsThrow() throws {
        let bytes = SyntheticProfile(samples: [.init(["main.a"], [1, 2, 3, 4])]).encoded()
        #expect(throws: ProfileError.invalidOptions("maxConcurrency must be at least 1, not 0")) {
            _ = try ProfileDecoder.decode(bytes, options: DecodeOptions(maxConcurrency: 0))
        }
        #expect(throws: ProfileError.invalidOptions("maxDecompressedBytes must not be negative, not -1")) {
            _ = try ProfileDecoder.decodeProtobuf(bytes, options: DecodeOptions(maxDecompressedBytes: -1))
        }
        #expect(try ProfileDecoder.decode(bytes, options: DecodeOptions(maxConcurrency: 1)).sampleCount == 1)
    }

    /// A profile above the threshold decodes the same on one thread and on
    /// up to four.
    @Test func maxConcurrencyDoesNotChangeTheProfile() throws {
        let samples = (0..<70_000).map { i in SyntheticProfile.Sample(["main.f\(i % 11)", "main.main"], [1, Int64(i), 1, 8]) }
        let bytes = SyntheticProfile(samples: samples).encoded()
        let one = try ProfileDecoder.decode(bytes, options: DecodeOptions(maxConcurrency: 1))
        let four = try ProfileDecoder.decode(bytes, options: DecodeOptions(maxConcurrency: 4))
        #expect(one.sampleValues == four.sampleValues)
        #expect(one.sampleLocations == four.sampleLocations)
        #expect(one.sampleLocationStarts == four.sampleLocationStarts)
    }

    /// Decoding in several parts gives exactly the arrays of one part,
    /// including labels pprof drops (a key with no value) in every part.
    @Test func partsGiveTheSameProfile() throws {
        var samples: [SyntheticProfile.Sample] = []
        for i in 0..<20_000 {
            let stack = ["main.f\(i % 7)", "main.g\(i % 3)", "main.main"]
            samples.append(.init(stack, [Int64(i), Int64(i * 16), 1, 16], bytesLabel: i % 5 == 0 ? nil : Int64(16 + i % 4)))
        }
        var w = ProtoWriter()
        w.append(SyntheticProfile(samples: samples).encoded())
        // Samples with a label pprof drops (key only), spread across the file.
        for i in 0..<3000 {
            w.message(2) { s in
                s.packed(1, [1, 2])
                s.packed(2, [1, 2, 3, Int64(i)])
                s.message(3) { $0.int(1, 1) }
            }
        }
        let one = try ProfileDecoder.decodeProtobuf(w.bytes, partitions: 1)
        for parts in [2, 3, 4] {
            let many = try ProfileDecoder.decodeProtobuf(w.bytes, partitions: parts)
            #expect(many.sampleLocations == one.sampleLocations)
            #expect(many.sampleLocationStarts == one.sampleLocationStarts)
            #expect(many.sampleValues == one.sampleValues)
            #expect(many.labels == one.labels)
            #expect(many.sampleLabelStarts == one.sampleLabelStarts)
        }
        #expect(one.sampleCount == 23_000)
        #expect(one.labels.count == 16_000)
    }

    /// The earliest broken sample is reported, whichever part found it.
    @Test func firstErrorInFileOrder() throws {
        var w = ProtoWriter()
        w.append(SyntheticProfile(samples: (0..<12_000).map { .init(["main.a", "main.main"], [1, 2, 3, Int64($0)]) }).encoded())
        w.message(2) {
            $0.packed(1, [99])
            $0.packed(2, [1, 2, 3, 4])
        }
        for _ in 0..<9000 {
            w.message(2) {
                $0.packed(1, [1])
                $0.packed(2, [1, 2])
            }
        }
        for parts in [1, 3] {
            #expect(throws: ProfileError.invalid("sample 12000 has nil location (location id 99 does not exist)")) {
                _ = try ProfileDecoder.decodeProtobuf(w.bytes, partitions: parts)
            }
        }
    }
}

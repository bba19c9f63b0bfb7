import Foundation

/// Builds protobuf bytes by hand for tests: the wire format only, so tests
/// can write valid profiles with known values and broken ones on purpose.
public struct ProtoWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func key(_ field: Int, _ wireType: Int) {
        varint(UInt64(field << 3 | wireType))
    }

    /// A varint field.
    public mutating func int(_ field: Int, _ value: Int64) {
        key(field, 0)
        varint(UInt64(bitPattern: value))
    }

    /// A length-delimited field holding `payload`.
    public mutating func bytes(_ field: Int, _ payload: [UInt8]) {
        key(field, 2)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    public mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// An embedded message.
    public mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    /// A packed repeated varint field.
    public mutating func packed(_ field: Int, _ values: [Int64]) {
        var inner = ProtoWriter()
        for value in values { inner.varint(UInt64(bitPattern: value)) }
        bytes(field, inner.bytes)
    }

    public mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }
}

/// Bytes that must not decode, and the error message they must give.
public struct BrokenInput: CustomStringConvertible, Sendable {
    public let name: String
    public let bytes: [UInt8]
    public let message: String
    public var description: String { name }

    public init(name: String, bytes: [UInt8], message: String) {
        self.name = name
        self.bytes = bytes
        self.message = message
    }
}

/// A small heap profile described in plain terms and encoded as profile.proto.
public struct SyntheticProfile: Sendable {
    /// A sample: its stack as function names (leaf first) and its values.
    public struct Sample: Sendable {
        public var stack: [String]
        public var values: [Int64]
        public var bytesLabel: Int64?
        public init(_ stack: [String], _ values: [Int64], bytesLabel: Int64? = nil) {
            self.stack = stack
            self.values = values
            self.bytesLabel = bytesLabel
        }
    }

    public var sampleTypes: [(String, String)] = [("alloc_objects", "count"), ("alloc_space", "bytes"),
                                                   ("inuse_objects", "count"), ("inuse_space", "bytes")]
    public var samples: [Sample] = []
    public var timeNanos: Int64 = 0
    public var period: Int64 = 524288
    public var binary = "/tmp/app"
    /// Use unpacked repeated fields (one key per value), as pprof's own
    /// encoder does for short lists.
    public var unpacked = false

    public init(samples: [Sample] = [], timeNanos: Int64 = 0) {
        self.samples = samples
        self.timeNanos = timeNanos
    }

    /// The encoded protobuf (not gzipped).
    public func encoded() -> [UInt8] {
        var strings: [String] = [""]
        func index(_ s: String) -> Int64 {
            if let i = strings.firstIndex(of: s) { return Int64(i) }
            strings.append(s)
            return Int64(strings.count - 1)
        }
        var functions: [String] = []
        for sample in samples { for name in sample.stack where !functions.contains(name) { functions.append(name) } }
        var w = ProtoWriter()
        for (type, unit) in sampleTypes {
            let t = index(type), u = index(unit)
            w.message(1) { $0.int(1, t); $0.int(2, u) }
        }
        let bytesKey = index("bytes")
        for sample in samples {
            let ids = sample.stack.map { Int64((functions.firstIndex(of: $0) ?? 0) + 1) }
            w.message(2) { s in
                if unpacked {
                    for id in ids { s.int(1, id) }
                    for value in sample.values { s.int(2, value) }
                } else {
                    s.packed(1, ids)
                    s.packed(2, sample.values)
                }
                if let size = sample.bytesLabel {
                    s.message(3) { $0.int(1, bytesKey); $0.int(3, size) }
                }
            }
        }
        let binaryIndex = index(binary)
        w.message(3) { m in
            m.int(1, 1); m.int(2, 0x400000); m.int(3, 0x800000); m.int(5, binaryIndex); m.int(7, 1)
        }
        for (offset, name) in functions.enumerated() {
            let id = Int64(offset + 1)
            let nameIndex = index(name), fileIndex = index("main.go")
            w.message(4) { l in
                l.int(1, id); l.int(2, 1); l.int(3, 0x400000 + id * 16)
                l.message(4) { $0.int(1, id); $0.int(2, 10 + id) }
            }
            w.message(5) { f in f.int(1, id); f.int(2, nameIndex); f.int(3, nameIndex); f.int(4, fileIndex); f.int(5, 5) }
        }
        let space = index("space")
        let bytesUnit = index("bytes")
        for s in strings { w.string(6, s) }
        if timeNanos != 0 { w.int(9, timeNanos) }
        w.message(11) { $0.int(1, space); $0.int(2, bytesUnit) }
        w.int(12, period)
        return w.bytes
    }
}

/// gzip-compresses `bytes` with the system's gzip (test use only).
public func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
    let dir = FileManager.default.temporaryDirectory
    let input = dir.appendingPathComponent("heapscope-gz-\(UUID().uuidString)")
    try Data(bytes).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", "-n", input.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
}

/// Writes `bytes` to a new temporary file and returns its path.
public func temporaryFile(_ bytes: [UInt8], suffix: String = ".pb.gz") throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-\(UUID().uuidString)\(suffix)")
    try Data(bytes).write(to: url)
    return url.path
}

/// A seeded random number generator (SplitMix64), so that a random test can
/// be replayed: the seed comes from `HEAPSCOPE_SEED`, else the clock, and
/// is printed.
public struct SeededGenerator: RandomNumberGenerator {
    public let seed: UInt64
    private var state: UInt64

    /// `name` labels the printed seed.
    public init(_ name: String) {
        let environment = ProcessInfo.processInfo.environment["HEAPSCOPE_SEED"].flatMap { UInt64($0) }
        seed = environment ?? UInt64(Date().timeIntervalSince1970 * 1_000_000)
        state = seed
        print("\(name): seed \(seed) (replay with HEAPSCOPE_SEED=\(seed))")
    }

    /// A fixed seed, for tests that want the same sequence every run.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

import Foundation
import HeapscopeTestSupport
import Testing

/// Peak memory grows at most 8 bytes per byte of decompressed input, for
/// every kind of record: each shape below is millions of minimal records of
/// one kind (distinct ids where ids are needed), written at two sizes, and
/// the slope of the binary's peak RSS between them is checked.
@Suite("Memory bound per record kind", .serialized)
struct MemoryBoundTests {
    /// The target: peak RSS per byte of input, plus a constant.
    static let bound = 8.0

    @Test(arguments: MemoryShape.allCases)
    func peakGrowsAtMostEightTimesTheInput(_ shape: MemoryShape) throws {
        let small = try measure(shape, size: 1 << 20)
        let large = try measure(shape, size: 4 << 20)
        let slope = Double(large.peak - small.peak) / Double(large.size - small.size)
        print(
            "memory \(shape): \(small.peak / 1024) KB at \(small.size) bytes, "
                + "\(large.peak / 1024) KB at \(large.size) bytes: slope \(slope)")
        #expect(slope <= Self.bound)
    }

    /// The graph views print every comment in their legend: the legend reads
    /// them from the profile one at a time, never a `String` per comment.
    @Test(arguments: [["top"], ["dot"], ["traces"], ["top", "--format", "json"]])
    func legendCommentsStayWithinTheBound(_ command: [String]) throws {
        let small = try measure(.comments, size: 1 << 20, command: command)
        let large = try measure(.comments, size: 4 << 20, command: command)
        let slope = Double(large.peak - small.peak) / Double(large.size - small.size)
        print("memory comments, \(command.joined(separator: " ")): slope \(slope)")
        #expect(slope <= Self.bound)
    }

    private func measure(_ shape: MemoryShape, size: Int, command: [String] = ["info"]) throws -> (size: Int, peak: Int) {
        let bytes = shape.bytes(size: size)
        let path = try temporaryFile(bytes, suffix: ".pb")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, peak) = try PeakRSS.run(CLI.binary.path, command + [path])
        #expect(status == 0, "\(shape) at \(bytes.count) bytes: exit status \(status)")
        return (bytes.count, peak)
    }
}

/// Output is written as it is produced, for every view (issue 13, finding
/// 6): the second profile's output is more than 4x the first's, from
/// longer names and 4x the call edges, yet peak RSS grows by at most a
/// quarter of what the output grows by. A renderer that builds its output
/// whole grows by more than the output itself.
@Suite("Output streams, peak memory independent of its size", .serialized)
struct OutputStreamTests {
    static let views: [[String]] = [
        ["peek", "."],
        ["peek", "--format", "json", "."],
        ["dot", "--nodecount", "0", "--node-fraction", "0", "--edge-fraction", "0"],
        ["traces"],
    ]

    @Test(arguments: views)
    func peakDoesNotGrowWithTheOutput(_ view: [String]) throws {
        let small = try measure(view, callers: 4, nameLength: 100)
        let large = try measure(view, callers: 16, nameLength: 400)
        print(
            "output \(view.joined(separator: " ")): \(small.output / 1024) KB out, peak \(small.peak / 1024) KB; "
                + "\(large.output / 1024) KB out, peak \(large.peak / 1024) KB")
        #expect(large.output > 4 * small.output)
        #expect(large.peak - small.peak <= (large.output - small.output) / 4)
    }

    /// Runs the view on a profile of 500 functions named with
    /// `nameLength` characters, each called from the `callers` next ones.
    private func measure(_ view: [String], callers: Int, nameLength: Int) throws -> (output: Int, peak: Int) {
        let path = try temporaryFile(Self.profile(functions: 500, callers: callers, nameLength: nameLength), suffix: ".pb")
        let output = path + ".out"
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: output)
        }
        let (status, peak) = try PeakRSS.run(CLI.binary.path, view + [path], output: output)
        #expect(status == 0, "\(view) exit status \(status)")
        let size = try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int
        return (try #require(size), peak)
    }

    /// Function i (and location i) is `main.fNNNNN_xxx…`; one two-frame
    /// sample per call edge j → i, for the `callers` functions j after i.
    static func profile(functions: Int, callers: Int, nameLength: Int) -> [UInt8] {
        var out = Wire()
        out.field(6, [])
        out.field(6, Array("space".utf8))
        out.field(6, Array("bytes".utf8))
        out.field(1, Wire.varintField(1, 1) + Wire.varintField(2, 2))
        for index in 0..<functions {
            let prefix = Array("main.f\(index)_".utf8)
            out.field(6, prefix + [UInt8](repeating: UInt8(ascii: "x"), count: max(nameLength - prefix.count, 0)))
            let id = UInt64(index + 1)
            out.field(5, Wire.varintField(1, id) + Wire.varintField(2, id + 2))
            out.field(4, Wire.varintField(1, id) + Wire.message(4, Wire.varintField(1, id)))
        }
        for callee in 0..<functions {
            for step in 1...callers {
                let caller = (callee + step) % functions
                let stack = Wire.varint(UInt64(callee + 1)) + Wire.varint(UInt64(caller + 1))
                out.field(2, Wire.message(1, stack) + Wire.message(2, Wire.varint(UInt64(1000 + callee))))
            }
        }
        return out.bytes
    }
}

/// A profile made of one kind of minimal record, repeated.
enum MemoryShape: String, CaseIterable, CustomStringConvertible, Sendable {
    case mappings, functions, locations, lines, sampleTypes, strings, comments, samples, labels

    var description: String { rawValue }

    /// The shape at about `size` bytes (raw protobuf).
    func bytes(size: Int) -> [UInt8] {
        var out = Wire()
        // string table "", "t", "u"; one sample type t/u.
        out.field(6, [])
        out.field(6, Array("t".utf8))
        out.field(6, Array("u".utf8))
        if self != .sampleTypes {
            out.field(1, Wire.varintField(1, 1) + Wire.varintField(2, 2))
        }
        // Function 1, location 1 on it and one sample there (none with
        // millions of sample types: a sample would need a value per type).
        if self != .sampleTypes {
            out.field(5, Wire.varintField(1, 1))
            out.field(4, Wire.varintField(1, 1) + Wire.message(4, Wire.varintField(1, 1)))
            out.field(2, Wire.varintField(1, 1) + Wire.varintField(2, 1))
        }
        var id: UInt64 = 1
        switch self {
        case .comments:
            // One packed field of comment indices, all 0 (""): a byte each.
            out.field(13, [UInt8](repeating: 0, count: max(size - out.bytes.count - 8, 0)))
            return out.bytes
        case .lines:
            // Locations of 1,000 lines each, every line on function 1.
            let lines = [[UInt8]](repeating: Wire.message(4, Wire.varintField(1, 1)), count: 1000).flatMap { $0 }
            while out.bytes.count < size {
                id += 1
                out.field(4, Wire.varintField(1, id) + lines)
            }
            return out.bytes
        case .labels:
            // Samples of 10,000 numeric labels each (key "t", num 1).
            let labels = [[UInt8]](repeating: Wire.message(3, Wire.varintField(1, 1) + Wire.varintField(3, 1)), count: 10_000)
                .flatMap { $0 }
            while out.bytes.count < size {
                out.field(2, Wire.varintField(1, 1) + Wire.varintField(2, 1) + labels)
            }
            return out.bytes
        default:
            break
        }
        while out.bytes.count < size {
            id += 1
            switch self {
            case .mappings: out.field(3, Wire.varintField(1, id))
            case .functions: out.field(5, Wire.varintField(1, id))
            case .locations: out.field(4, Wire.varintField(1, id))
            case .sampleTypes: out.field(1, [])
            case .strings: out.field(6, [])
            case .samples: out.field(2, Wire.varintField(1, 1) + Wire.varintField(2, 1))
            case .comments, .lines, .labels: break
            }
        }
        return out.bytes
    }
}

/// Protobuf bytes written fast enough for millions of records in a debug build.
private struct Wire {
    var bytes: [UInt8] = []

    static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    static func varintField(_ field: UInt64, _ value: UInt64) -> [UInt8] {
        varint(field << 3) + varint(value)
    }

    static func message(_ field: UInt64, _ payload: [UInt8]) -> [UInt8] {
        varint(field << 3 | 2) + varint(UInt64(payload.count)) + payload
    }

    mutating func field(_ field: UInt64, _ payload: [UInt8]) {
        bytes.append(contentsOf: Self.varint(field << 3 | 2))
        bytes.append(contentsOf: Self.varint(UInt64(payload.count)))
        bytes.append(contentsOf: payload)
    }
}

/// Runs a program under GNU time (`/usr/bin/time -f %M`, Debian's `time`
/// package) with its output discarded (or written to `output`), and returns its exit status and its
/// own peak resident set size in bytes. The program is not spawned from the
/// test process directly: a child spawned from it would report the test
/// process's peak as its own (Linux keeps the larger across exec).
enum PeakRSS {
    static func run(_ program: String, _ arguments: [String], output: String? = nil) throws -> (status: Int32, peak: Int) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-rss-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", report, program] + arguments
        process.standardError = FileHandle.nullDevice
        if let output {
            try Data().write(to: URL(fileURLWithPath: output))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            defer { try? handle.close() }
            process.standardOutput = handle
            try process.run()
        } else {
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }
        process.waitUntilExit()
        let text = try String(contentsOfFile: report, encoding: .utf8)
        // The last line is the peak in kilobytes (a line before it may say the command failed).
        let kilobytes = try #require(text.split(separator: "\n").last.flatMap { Int($0) }, "no peak in \(text)")
        return (process.terminationStatus, kilobytes * 1024)
    }
}

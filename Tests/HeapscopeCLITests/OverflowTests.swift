import Foundation
import HeapscopeTestSupport
import Testing

/// Values whose sum would wrap around Int64 are refused with one error line
/// and status 1: no view prints a wrapped total and no gate passes on one.
@Suite("Overflowing sums")
struct OverflowTests {
    static func profile(_ values: [Int64]) throws -> String {
        let samples = values.enumerated().map {
            SyntheticProfile.Sample(["main.f\($0.offset)", "main.main"], [1, $0.element, 1, $0.element])
        }
        return try temporaryFile(SyntheticProfile(samples: samples).encoded(), suffix: ".pb")
    }

    static let message = "malformed profile: the alloc_space values add up to more than 2^62 (4611686018427387904): totals would overflow"

    @Test("views", arguments: [["top"], ["info"], ["traces"], ["tree"]])
    func views(_ command: [String]) throws {
        let path = try Self.profile([.max, .max])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(command + [path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "heapscope: error: \(path): \(Self.message)\n")
    }

    @Test func mergingCanOverflowToo() throws {
        let path = try Self.profile([1 << 61 + 1])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CLI.run(["top", path]).status == 0)
        let merged = try CLI.run(["top", path, path])
        #expect(merged.status == 1)
        #expect(merged.stderr == "heapscope: error: \(path), \(path): \(Self.message)\n")
    }

    @Test func gatesNeverPass() throws {
        let small = try Self.profile([1, 1])
        let huge = try Self.profile([.max, .max])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-overflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            for path in [small, huge] { try? FileManager.default.removeItem(atPath: path) }
            try? FileManager.default.removeItem(at: directory)
        }
        let diff = try CLI.run(["diff", "--max-growth", "1", small, huge])
        #expect(diff.status == 1)
        #expect(diff.stderr == "heapscope: error: \(huge): \(Self.message)\n")
        try FileManager.default.copyItem(atPath: small, toPath: directory.appendingPathComponent("a.pb").path)
        try FileManager.default.copyItem(atPath: huge, toPath: directory.appendingPathComponent("b.pb").path)
        // trend skips a snapshot it cannot read (with a warning), so the
        // series is too short to judge: an error, never a passing gate.
        let trend = try CLI.run(["trend", "--max-growth", "1", "--fail-on-growth", directory.path])
        #expect(trend.status == 1)
        #expect(trend.stderr.contains("b.pb: skipped: \(Self.message)\n"))
        let strict = try CLI.run(["trend", "--strict", "--max-growth", "1", "--fail-on-growth", directory.path])
        #expect(strict.status == 1)
        #expect(strict.stderr.hasSuffix("b.pb: \(Self.message)\n"))
    }
}

import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeTestSupport
import Testing

@Suite("Hostile input never traps")
struct RobustnessTests {
    /// Rounds per test; raise with HEAPSCOPE_FUZZ_ROUNDS for a longer run.
    static let rounds = Int(ProcessInfo.processInfo.environment["HEAPSCOPE_FUZZ_ROUNDS"] ?? "") ?? 1500

    static let synthetic = SyntheticProfile(samples: [
        .init(["main.a", "main.b", "main.main"], [1, 100, 1, 100], bytesLabel: 100),
        .init(["main.c", "main.b", "main.main"], [3, -300, 0, -(1 << 60)], bytesLabel: 96),
        .init(["main.a", "main.a", "main.main"], [1 << 61, 5, 0, 7]),
    ]).encoded()

    static func realFixture() throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let gz = try Data(contentsOf: root.appendingPathComponent("Fixtures/profiles/recursive.pb.gz"))
        return try Gzip.inflate([UInt8](gz), limit: 1 << 30)
    }

    /// Mutated profiles either fail to decode or go through every view;
    /// none may trap.
    @Test(arguments: ["synthetic", "recursive"])
    func mutatedProfilesRunThroughEveryView(_ source: String) throws {
        let base = source == "synthetic" ? Self.synthetic : try Self.realFixture()
        var generator = SeededGenerator("mutatedProfilesRunThroughEveryView(\(source))")
        var decoded = 0
        for round in 0..<Self.rounds {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            guard let profile = try? ProfileDecoder.decode(bytes) else { continue }
            decoded += 1
            let index = round % max(1, profile.sampleTypes.count)
            let granularity = Granularity.allCases[round % Granularity.allCases.count]
            let options = ReportOptions(
                sampleIndex: String(index), nodes: NodeOptions(granularity: granularity),
                prune: PruneOptions(nodeCount: round % 3 == 0 ? 5 : 0),
                order: round % 2 == 0 ? .flat : .cum)
            guard let context = try? ReportContext(profile: profile, options: options) else { continue }
            _ = TopView(context: context)
            _ = try? TreeView(context: context)
            _ = TracesView(context: context)
            _ = TagsView(context: context)
            var dotOptions = options
            dotOptions.order = .entropy
            if let dotContext = try? ReportContext(profile: profile, options: dotOptions) {
                _ = DotView(context: dotContext)
            }
        }
        #expect(decoded > 0, "seed \(generator.seed)")
    }
}

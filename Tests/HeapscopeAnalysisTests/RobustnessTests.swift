import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeTestSupport
import Testing

@Suite("Hostile input never traps")
struct RobustnessTests {
    /// Mutated profiles either fail to decode or go through the whole top
    /// pipeline; neither may trap.
    @Test func mutatedProfilesRunThroughTop() throws {
        let base = SyntheticProfile(samples: [
            .init(["main.a", "main.b", "main.main"], [1, 100, 1, 100], bytesLabel: 100),
            .init(["main.c", "main.b", "main.main"], [3, -300, 0, Int64.min], bytesLabel: 96),
            .init(["main.a", "main.a", "main.main"], [Int64.max, 5, 0, 7]),
        ]).encoded()
        var generator = SystemRandomNumberGenerator()
        var decoded = 0
        for round in 0..<1500 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            guard let profile = try? ProfileDecoder.decode(bytes) else { continue }
            decoded += 1
            for index in 0..<profile.sampleTypes.count {
                let options = ReportOptions(sampleIndex: String(index), order: round % 2 == 0 ? .flat : .cum)
                guard let context = try? ReportContext(profile: profile, options: options) else { continue }
                _ = TopView(context: context)
            }
        }
        #expect(decoded > 0)
    }
}

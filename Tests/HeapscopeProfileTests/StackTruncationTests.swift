import HeapscopeTestSupport
import Testing

@testable import HeapscopeProfile

@Suite("StackTruncation")
struct StackTruncationTests {
    static func profile(depths: [Int]) throws -> Profile {
        let samples = depths.map { depth in
            SyntheticProfile.Sample((0..<depth).map { "main.f\($0)" }, [1, 64, 1, 64])
        }
        return try ProfileDecoder.decode(SyntheticProfile(samples: samples).encoded())
    }

    @Test func goBefore123() throws {
        let profile = try Self.profile(depths: [31, 32, 5, 32])
        #expect(profile.truncation == StackTruncation(depthLimit: 32, samples: [1, 3]))
    }

    @Test("a stack deeper than 32 frames means the 128-frame limit") func go123() throws {
        let profile = try Self.profile(depths: [32, 40, 128])
        #expect(profile.truncation == StackTruncation(depthLimit: 128, samples: [2]))
    }

    @Test func markerIsTheRoot() throws {
        let marked = try Self.profile(depths: [3, 32]).markingTruncatedStacks()
        let root = try #require(marked.stack(ofSample: 1).last)
        let line = marked.lines(of: marked.locations[Int(root)]).first
        #expect(line.map { marked.name(of: marked.functions[Int($0.function)]) } == Profile.truncationMarkerName)
        #expect(marked.stack(ofSample: 0).count == 3)
        #expect(marked.stack(ofSample: 1).count == 33)
    }
}

import Foundation
import HeapscopeProfile
import Testing

/// The hand-encoded hostile-names fixture decodes with every byte of its
/// names intact (the DOT tests rely on it).
@Suite("Hostile names fixture")
struct HostileProfileTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/profiles/hostile.pb.gz").path

    @Test func namesSurviveDecoding() throws {
        let profile = try ProfileDecoder.decode(contentsOf: Self.path, options: DecodeOptions())
        let names = Set(profile.functions.map(profile.name))
        #expect(names.count == 12)
        for name in [
            "main.new\nline", "main.ctrl\u{01}\u{7f}\tchars", "main.trailing\\", "main.ünïcødé.函数",
            "main.\"}; N99 [label=\"pwned\"]; {\"",
        ] {
            #expect(names.contains(name))
        }
        #expect(profile.sampleCount == 10)
        #expect(profile.mainMapping.map(profile.file) == "/tmp/evil \"bin\"\\{x}")
        let stringLabels = (0..<profile.sampleCount).flatMap { profile.labels(ofSample: $0) }.filter(\.isString)
        #expect(stringLabels.count == 5)
        #expect(stringLabels.allSatisfy { profile.string($0.key) == "tag\"{x}" })
    }
}

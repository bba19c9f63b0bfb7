import Foundation
import Testing

/// Bytes as text, one character per byte (lossless for invalid UTF-8), so
/// the time can be removed before comparing.
private func latin1(_ data: Data) -> String {
    String(data.map { Character(Unicode.Scalar($0)) })
}

@Suite("pprof's name rules and diff edges into zero nodes")
struct NameRuleTests {
    @Test("output equals go tool pprof's byte for byte", arguments: GoldenCase.all(prefix: "names-"))
    func matchesPprof(_ golden: GoldenCase) throws {
        let result = try CLI.runBytes(golden.arguments)
        #expect(result.status == 0)
        let expected = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/golden/\(golden.id).txt"))
        #expect(withoutLegendTime(withoutTime(latin1(result.stdout))) == withoutLegendTime(withoutTime(latin1(expected))))
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "names-").count >= 8)
    }

    @Test("C++-looking names are simplified, exempt forms are not")
    func simplifiedNames() throws {
        let result = try CLI.run(["top", "Fixtures/profiles/legacy/names.pb.gz"])
        for name in [
            "std::vector::push_back", "Foo::Bar const", "ns::Outer::method", "unbalanced::f)",
            "java.util.HashMap.<init>", "main.(*List[go.shape.int_0]).Push", "main.Map[go.shape.func string]",
            "OnlySystem::name", "Already::demangled(int)",
        ] {
            #expect(result.stdout.contains("  \(name)\n"), "\(name)")
        }
    }

    @Test("invalid UTF-8 is written raw in text and DOT, as U+FFFD in JSON")
    func invalidUTF8() throws {
        for view in ["top", "dot"] {
            let raw = try CLI.runBytes([view, "Fixtures/profiles/legacy/names.pb.gz"]).stdout
            #expect(raw.range(of: Data([0x6D, 0x61, 0x69, 0x6E, 0x2E, 0x62, 0x61, 0x64, 0xFF, 0x6E])) != nil, "\(view)")
        }
        let json = try CLI.runBytes(["top", "--format", "json", "Fixtures/profiles/legacy/names.pb.gz"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let names = (object["rows"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("main.bad\u{FFFD}name"))
        #expect(names.contains("main.half\u{FFFD}\u{FFFD}rune"))
    }
}

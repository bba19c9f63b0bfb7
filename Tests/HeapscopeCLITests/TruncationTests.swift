import Foundation
import Testing

@Suite("Stacks cut at the runtime's depth limit")
struct TruncationTests {
    static let text = "Fixtures/profiles/legacy/goheap.txt"
    static let proto = "Fixtures/profiles/legacy/goheap.pb.gz"

    /// Records of the text with exactly 32 addresses (main.deep's, cut).
    static func recordsAtLimit() throws -> Int {
        let content = try String(contentsOf: CLI.root.appendingPathComponent(text), encoding: .utf8)
        return content.split(separator: "\n").filter { line in
            guard let at = line.range(of: " @ "), !line.hasPrefix("heap profile") else { return false }
            return line[at.upperBound...].split(separator: " ").count == 32
        }.count
    }

    @Test("info counts them, the same in the text and the protobuf", arguments: [text, proto])
    func infoCount(_ path: String) throws {
        let expected = try Self.recordsAtLimit()
        #expect(expected > 0)
        let result = try CLI.run(["info", path])
        #expect(result.stdout.contains("Truncated:    \(expected) stacks cut at the runtime's depth limit (32 frames)\n"))
        let json = try CLI.run(["info", "--format", "json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["truncated_samples"] as? Int == expected)
        #expect(object["stack_depth_limit"] as? Int == 32)
    }

    @Test("no profile of the pprof goldens is judged cut")
    func completeStacks() throws {
        for path in ["Fixtures/profiles/stdlib.pb.gz", "Fixtures/profiles/recursive.pb.gz"] {
            #expect(try CLI.run(["info", path]).stdout.contains("Truncated:    0 stacks"), "\(path)")
        }
    }

    @Test("--truncation-marker roots cut stacks at (truncated); pprof views are unmarked by default", arguments: [text, proto])
    func markerInViews(_ path: String) throws {
        let marked = try CLI.run(["traces", "--truncation-marker", path]).stdout
        let cut = marked.components(separatedBy: "-----------+").filter { $0.contains("main.deep") }
        #expect(!cut.isEmpty)
        for trace in cut {
            let frames = trace.split(separator: "\n").filter { !$0.contains("bytes:") && !$0.hasPrefix("---") }
            #expect(frames.last?.hasSuffix(" (truncated)") == true)
        }
        #expect(!(try CLI.run(["traces", path]).stdout.contains("(truncated)")))
        let top = try CLI.run(["top", "--truncation-marker", "--cum", path]).stdout
        #expect(top.contains("(truncated)\n"))
    }

    @Test("diff marks cut stacks by default; --no-truncation-marker turns it off")
    func markerInDiff() throws {
        let base = "Fixtures/profiles/legacy/names.pb.gz"
        #expect(try CLI.run(["diff", "--cum", base, Self.proto]).stdout.contains("(truncated)"))
        #expect(!(try CLI.run(["diff", "--cum", "--no-truncation-marker", base, Self.proto]).stdout.contains("(truncated)")))
    }
}

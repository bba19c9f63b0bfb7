import Foundation
import HeapscopeTestSupport
import Testing

/// A stack tens of thousands of frames deep (the runtime writes at most
/// 128, a hostile file any number) goes through the views that nest by depth
/// without overflowing the thread's stack.
@Suite("Deep stacks")
struct DeepStackTests {
    static let depth = 25_000

    static func deepProfile() throws -> String {
        let stack = (0..<depth).map { "main.f\($0 % 7)" } + ["main.main"]
        return try temporaryFile(SyntheticProfile(samples: [.init(stack, [1, 64, 1, 64])]).encoded(), suffix: ".pb")
    }

    @Test(
        "every nesting view finishes",
        arguments: [
            ["flame", "--format", "json"], ["flame"], ["flame", "--format", "svg"], ["export", "--format", "speedscope"],
            ["traces", "--format", "json"],
        ])
    func nestingViewsFinish(_ command: [String]) throws {
        let path = try Self.deepProfile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(command + [path])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    /// The flame JSON nests a frame in its parent's `children`: every frame is
    /// written, and indentation stops growing past 128 levels, so the text
    /// grows with the depth, not with its square.
    @Test func flameJSONIsWholeAndLinear() throws {
        let path = try Self.deepProfile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["flame", "--format", "json", path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasSuffix("\"name\": \"main.f3\",") }.count == (Self.depth + 3) / 7)
        #expect(lines.allSatisfy { $0.prefix(while: { $0 == " " }).count <= 2 * 128 })
        #expect(result.stdout.hasSuffix("\n}\n"))
        let opened = result.stdout.utf8.filter { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }.count
        let closed = result.stdout.utf8.filter { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") }.count
        #expect(opened == closed)
    }
}

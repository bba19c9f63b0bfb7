import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import Testing

/// Every input a fuzz target ever crashed on (Fixtures/fuzz/crashes) is
/// replayed through the decoder and every view: it must decode or throw.
@Suite("Fuzz findings stay fixed")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz/crashes")

    static var findings: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != "README.md" }.sorted()
    }

    @Test func folderIsThere() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test(arguments: findings)
    func replay(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        guard let profile = try? ProfileDecoder.decode(bytes, options: DecodeOptions(maxDecompressedBytes: 1 << 22)) else { return }
        for granularity in Granularity.allCases {
            guard let context = try? ReportContext(profile: profile, options: ReportOptions(nodes: NodeOptions(granularity: granularity)))
            else { continue }
            _ = TopView(context: context)
            _ = try? TreeView(context: context)
            _ = Array(TracesView(context: context).traces)
            _ = TagsView(context: context)
            _ = DotView(context: context)
        }
    }
}

import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport
import Testing

@Suite("The DocC catalogues' example")
struct LibraryExampleTests {
    /// "Decode a profile, print its top" as the catalogues show it gives
    /// what `heapscope top` prints.
    @Test func decodeAndPrintTop() throws {
        let path = "Fixtures/profiles/mapleak.pb.gz"
        let profile = try ProfileDecoder.decode(contentsOf: CLI.root.appendingPathComponent(path).path)
        let context = try ReportContext(profile: profile, options: ReportOptions())
        let text = TopRenderer.text(TopView(context: context))
        let cli = try CLI.run(["top", path])
        #expect(cli.status == 0)
        #expect(text == cli.stdout)
    }
}

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

    /// The catalogue's `TextSink` example: drained a buffer at a time as it
    /// fills, the bytes are those `text` returns, in pieces of about 64 KiB.
    @Test func sinkDrainsWhatTextReturns() throws {
        let path = CLI.root.appendingPathComponent("Fixtures/profiles/mapleak.pb.gz").path
        let view = TopView(context: try ReportContext(profile: try ProfileDecoder.decode(contentsOf: path), options: ReportOptions()))
        var pieces: [[UInt8]] = []
        var sink = TextSink(drain: { pieces.append(Array($0)) })
        for _ in 0..<200 { TopRenderer.write(view, to: &sink) }
        sink.flush()
        let text = TopRenderer.text(view)
        #expect(pieces.count >= 200 * text.utf8.count / TextSink.drainSize)
        #expect(pieces.dropLast().allSatisfy { $0.count >= TextSink.drainSize && $0.count < TextSink.drainSize + text.utf8.count })
        #expect(pieces.flatMap { $0 } == Array(String(repeating: text, count: 200).utf8))
    }
}

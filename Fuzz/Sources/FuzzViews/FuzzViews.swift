import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport

/// libFuzzer's entry point: decode the input, then build every view from it
/// and render each as text and JSON, as the commands do (text on the
/// escaped profile). Errors are fine; a trap or memory error is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let profile = try? ProfileDecoder.decode(bytes, options: DecodeOptions(maxDecompressedBytes: 1 << 22)) else { return 0 }
    let info = InfoView(profile: profile)
    _ = InfoRenderer.text(info)
    _ = InfoRenderer.json(info).rendered()
    for text in [false, true] {
        let input = text ? profile.escapingControlCharacters() : profile
        for granularity in [Granularity.functions, .lines, .addresses] {
            var options = ReportOptions()
            options.nodes = NodeOptions(granularity: granularity, inlines: granularity != .lines)
            guard let context = try? ReportContext(profile: input, options: options) else { continue }
            let top = TopView(context: context)
            _ = TopRenderer.text(top)
            _ = TopRenderer.json(top).rendered()
            if let tree = try? TreeView(context: context) {
                _ = TreeRenderer.text(tree)
                _ = TreeRenderer.json(tree, name: "tree").rendered()
            }
            let traces = TracesView(context: context)
            _ = TracesRenderer.text(traces)
            _ = TracesRenderer.json(traces).rendered()
            let tags = TagsView(context: context)
            _ = TagsRenderer.text(tags)
            _ = TagsRenderer.json(tags).rendered()
            let dot = DotView(context: context)
            _ = DotRenderer.dot(dot)
            _ = DotRenderer.json(dot).rendered()
        }
    }
    return 0
}

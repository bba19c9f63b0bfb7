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
    var infoText = ""
    InfoRenderer.write(info, to: &infoText)
    _ = InfoRenderer.json(info).rendered()
    // One granularity and one text/JSON choice per input (from its size),
    // so that an input runs in milliseconds even under ASan.
    let granularity = [Granularity.functions, .lines, .addresses, .files][size % 4]
    let forText = size % 2 == 0
    let input = forText ? profile.escapingControlCharacters() : profile
    var options = ReportOptions()
    options.nodes = NodeOptions(granularity: granularity, inlines: size % 3 != 0)
    guard let context = try? ReportContext(profile: input, options: options) else { return 0 }
    let top = TopView(context: context)
    let tree = try? TreeView(context: context)
    let traces = TracesView(context: context)
    let tags = TagsView(context: context)
    let dot = DotView(context: context)
    if forText {
        _ = TopRenderer.text(top)
        _ = tree.map(TreeRenderer.text)
        _ = TracesRenderer.text(traces)
        _ = TagsRenderer.text(tags)
        _ = DotRenderer.dot(dot)
    } else {
        _ = TopRenderer.json(top).rendered()
        _ = tree.map { TreeRenderer.json($0, name: "tree").rendered() }
        _ = TracesRenderer.json(traces).rendered()
        _ = TagsRenderer.json(tags).rendered()
        _ = DotRenderer.json(dot).rendered()
    }
    return 0
}

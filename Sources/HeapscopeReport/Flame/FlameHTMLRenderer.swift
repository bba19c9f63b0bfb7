import HeapscopeAnalysis

/// The flame graph as one self-contained HTML page: data, script and
/// styles inline, and a Content-Security-Policy that forbids every fetch
/// (`default-src 'none'`), so the file opens offline and can be attached
/// to a ticket.
public enum FlameHTMLRenderer {
    public static let contentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"

    /// - Parameter title: what the page is about (the profile files).
    public static func render(_ tree: FlameTree, title: String) -> String {
        var out = TextSink()
        write(tree, title: title, to: &out)
        return out.text
    }

    /// Writes the page, its data as it is produced.
    public static func write(_ tree: FlameTree, title: String, to out: inout TextSink) {
        let heading = (tree.isDiff ? "Flame graph diff: " : "Flame graph: ") + title
        let pruned =
            tree.prunedPaths == 0
            ? "" : " \(tree.prunedPaths) call paths under \(percentText(tree.minFraction)) of the total are folded into their callers."
        let legend =
            tree.isDiff
            ? "Width: base + new. Red grew, blue shrank; changes under \(percentText(FlameData.significantTotalFraction)) of the total or \(percentText(FlameData.significantRelativeChange)) of the frame stay grey. Striped: only in one profile."
            : "Width: cumulative value. Click a frame to zoom, the breadcrumb to zoom out."
        let head = """
            <header>
            <h1>\(MarkupText.escape(heading))</h1>
            <div class="controls">
            <label>Sample type <select id="type"></select></label>
            <input id="search" type="search" placeholder="Search (regular expression)" autocomplete="off">
            <button id="reset" type="button">Reset</button>
            <span id="matched"></span>
            </div>
            <div id="total"></div>
            <nav id="breadcrumb" aria-label="Zoom path"></nav>
            </header>
            <main id="chart"></main>
            <div id="tooltip" hidden></div>
            <footer>\(MarkupText.escape(legend + pruned)) Made by heapscope.</footer>
            <script type="application/json" id="flame-data">
            """
        let tail = """
            </script>
            <script>
            \(FlamePageScript.source)
            </script>
            """
        MarkupText.writePage(title: heading, contentSecurityPolicy: contentSecurityPolicy, style: style, to: &out) { out in
            out.write(head)
            FlameData.write(tree, title: title, to: &out)
            out.write(tail)
        }
    }

    static func percentText(_ fraction: Double) -> String {
        let percent = fraction * 100
        return (percent == percent.rounded() ? String(Int(percent)) : String(percent)) + "%"
    }

    static let style = """
        body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fff; }
        header { padding: 8px 12px; border-bottom: 1px solid #ddd; position: sticky; top: 0; background: #fafafa; z-index: 2; }
        h1 { font-size: 15px; margin: 0 0 6px; font-weight: 600; word-break: break-all; }
        .controls { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
        #search { width: 22em; padding: 2px 6px; }
        #matched { color: #7a1fa2; font-weight: 600; }
        #total { margin-top: 4px; color: #555; }
        #breadcrumb { margin-top: 4px; display: flex; flex-wrap: wrap; gap: 2px; }
        #breadcrumb button { border: 1px solid #ccc; background: #fff; border-radius: 3px; padding: 0 6px; cursor: pointer; font: inherit; max-width: 30em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        #breadcrumb button + button::before { content: "\\203A  "; color: #999; }
        #breadcrumb button.current { font-weight: 600; border-color: #888; }
        #chart { position: relative; margin: 8px 12px; min-height: 40px; }
        .frame { position: absolute; height: 17px; box-sizing: border-box; padding: 0 3px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 11px/17px ui-monospace, "DejaVu Sans Mono", monospace; cursor: pointer; border-radius: 2px; }
        .frame.ancestor { opacity: 0.55; }
        .frame.added { background-image: repeating-linear-gradient(135deg, rgba(0,0,0,0.18) 0 2px, transparent 2px 6px); box-shadow: inset 0 0 0 1px #b00; }
        .frame.removed { background-image: repeating-linear-gradient(45deg, rgba(0,0,0,0.18) 0 2px, transparent 2px 6px); box-shadow: inset 0 0 0 1px #1454b0; }
        #chart.searching .frame { opacity: 0.35; }
        #chart.searching .frame.match { opacity: 1; outline: 2px solid #7a1fa2; outline-offset: -2px; }
        #tooltip { position: fixed; z-index: 3; background: #fff; border: 1px solid #999; border-radius: 4px; padding: 4px 8px; box-shadow: 0 2px 6px rgba(0,0,0,0.2); max-width: 60em; pointer-events: none; white-space: pre-wrap; word-break: break-all; }
        #tooltip .name { font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        footer { margin: 8px 12px; color: #666; font-size: 12px; }
        """
}

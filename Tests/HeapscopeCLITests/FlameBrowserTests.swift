import Foundation
import HeapscopeTestSupport
import Testing

/// Headless Chromium reading a flame page from file://: the DOM after the
/// page's script ran.
enum HeadlessChromium {
    static let arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,900",
        "--no-first-run", "--disable-extensions", "--disable-background-networking",
    ]

    /// The page's DOM after load; `fragment` is the URL hash (without `#`).
    static func dom(_ page: URL, fragment: String = "") throws -> String {
        var url = page.absoluteString
        if !fragment.isEmpty { url += "#" + fragment }
        let result = try ExternalTool.run("chromium", arguments + ["--dump-dom", url], timeout: 90)
        #expect(result.status == 0, "chromium: \(result.stderr)")
        return result.text
    }

    /// The `data-name` of every frame element drawn.
    static func frameNames(_ dom: String) -> [String] {
        dom.matches(of: /<div class="frame[^"]*"[^>]* data-name="([^"]*)"/).map { unescape(String($0.1)) }
    }

    /// The frame elements (their whole start tags) whose class list has `cls`.
    static func frames(_ dom: String, withClass cls: String) -> [String] {
        dom.matches(of: /<div class="frame([^"]*)"[^>]*>/).filter { $0.1.split(separator: " ").contains(Substring(cls)) }
            .map { String($0.0) }
    }

    /// An element's text by id (no nested elements).
    static func text(of id: String, in dom: String) -> String? {
        guard let pattern = try? Regex("id=\"\(id)\"[^>]*>([^<]*)<"), let match = dom.firstMatch(of: pattern) else { return nil }
        return unescape(String(match.output[1].substring ?? ""))
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: "\u{a0}")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Writes `heapscope flame` output for `arguments` into `dir`.
func writeFlamePage(_ arguments: [String], in dir: URL, name: String = "flame.html") throws -> URL {
    let page = dir.appendingPathComponent(name)
    let result = try CLI.run(["flame", "-o", page.path] + arguments)
    try #require(result.status == 0, "flame: \(result.stderr)")
    return page
}

@Suite("flame page in headless Chromium", .serialized)
struct FlameBrowserTests {
    @Test func drawsTheTopFunctions() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try writeFlamePage(["Fixtures/profiles/mapleak.pb.gz"], in: dir)
        let dom = try HeadlessChromium.dom(page)
        #expect(dom.contains("data-rendered=\"true\""), "the script did not finish")
        let drawn = Set(HeadlessChromium.frameNames(dom))
        let top = try CLI.run(["top", "--nodecount", "6", "--format", "json", "Fixtures/profiles/mapleak.pb.gz"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(top.stdout.utf8)) as? [String: Any])
        let names = ((json["rows"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        #expect(names.count == 6)
        for name in names { #expect(drawn.contains(name), "\(name) is not drawn") }
        #expect(HeadlessChromium.text(of: "total", in: dom) == "inuse_space: total 28.74MB")
    }

    @Test func searchHighlightsAndShowsTheMatchedShare() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try writeFlamePage(["--min-fraction", "0", "Fixtures/profiles/mapleak.pb.gz"], in: dir)
        let dom = try HeadlessChromium.dom(page, fragment: "search=Cache")
        let matches = HeadlessChromium.frames(dom, withClass: "match")
        #expect(!matches.isEmpty)
        for match in matches { #expect(match.firstMatch(of: /data-name="[^"]*Cache/) != nil) }
        // The share of the samples with a matching frame: what --focus keeps.
        let focus = try CLI.run(["top", "--focus", "Cache", "Fixtures/profiles/mapleak.pb.gz"])
        let shown = try #require(focus.stdout.firstMatch(of: /Showing nodes accounting for [^,]+, ([0-9.]+)% of/))
        let matched = try #require(HeadlessChromium.text(of: "matched", in: dom))
        #expect(matched.hasPrefix("Matched: "))
        #expect(matched.hasSuffix("(\(shown.1)% of total)"), "\(matched)")
        #expect(dom.contains("<div id=\"chart\"") == false)
        #expect(dom.contains("class=\"searching\""))
    }

    @Test func zoomShowsTheBreadcrumbAndOnlyTheSubtree() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try writeFlamePage(["Fixtures/profiles/mapleak.pb.gz"], in: dir)
        let full = try HeadlessChromium.dom(page)
        let node = try #require(full.firstMatch(of: /data-node="([0-9]+)" data-name="main\.captureInClosure"/)).1
        let zoomed = try HeadlessChromium.dom(page, fragment: "zoom=\(node)")
        let crumbs = zoomed.matches(of: /<button type="button" data-node="[0-9]+"(?: class="current")?>([^<]*)<\/button>/).map {
            String($0.1)
        }
        #expect(crumbs == ["all", "runtime.main", "main.main", "main.captureInClosure"])
        let drawn = Set(HeadlessChromium.frameNames(zoomed))
        #expect(drawn.contains("main.captureInClosure.func1"))
        #expect(!drawn.contains("main.churnInsertDelete"), "a frame outside the zoomed subtree is drawn")
        #expect(HeadlessChromium.frameNames(full).contains("main.churnInsertDelete"))
        let zoomedFrame = try #require(HeadlessChromium.frames(zoomed, withClass: "zoomed").first)
        #expect(zoomedFrame.contains("left: 0px"))
    }

    @Test func sampleTypeSwitchFromTheHash() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try writeFlamePage(["Fixtures/profiles/mapleak.pb.gz"], in: dir)
        let inuse = try HeadlessChromium.dom(page)
        let alloc = try HeadlessChromium.dom(page, fragment: "type=alloc_space")
        // initProfiling's 4 MiB is allocated and freed: in alloc_space only.
        #expect(!HeadlessChromium.frameNames(inuse).contains("main.initProfiling"))
        #expect(HeadlessChromium.frameNames(alloc).contains("main.initProfiling"))
        #expect(HeadlessChromium.text(of: "total", in: alloc) == "alloc_space: total 57.02MB")
        #expect(inuse.contains("<option value=\"1\">alloc_space</option>"))
    }

    @Test func fetchesNothing() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try writeFlamePage(["Fixtures/profiles/stdlib.pb.gz"], in: dir)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'\">"
            ))
        let dom = try HeadlessChromium.dom(page)
        for text in [html, dom] {
            #expect(text.firstMatch(of: /(?i)(src|href|action)\s*=\s*["']?\s*(https?:|\/\/)/) == nil)
            #expect(text.firstMatch(of: /(?i)<(link|iframe|img|object|embed)\b/) == nil)
            #expect(text.firstMatch(of: /(?i)\b(fetch|XMLHttpRequest|WebSocket|EventSource|importScripts)\s*\(/) == nil)
        }
        #expect(dom.contains("data-rendered=\"true\""))
    }

    @Test func diffColoursBySignificance() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Against itself: nothing changed, so every frame is neutral grey.
        let same = try HeadlessChromium.dom(
            try writeFlamePage(
                ["--diff-base", "Fixtures/profiles/mapleak.pb.gz", "Fixtures/profiles/mapleak.pb.gz"], in: dir, name: "same.html"))
        let colours = Set(same.matches(of: /<div class="frame[^"]*"[^>]* style="[^"]*background: ([^;]+);/).map { String($0.1) })
        #expect(colours == ["rgb(219, 219, 219)"])
        // recursive and stdlib share their runtime frames only.
        let mixed = try HeadlessChromium.dom(
            try writeFlamePage(
                ["--diff-base", "Fixtures/profiles/recursive.pb.gz", "Fixtures/profiles/stdlib.pb.gz"], in: dir, name: "mixed.html"))
        let added = HeadlessChromium.frames(mixed, withClass: "added")
        let removed = HeadlessChromium.frames(mixed, withClass: "removed")
        #expect(added.contains { $0.contains("data-name=\"main.makeRecords\"") })
        #expect(removed.contains { $0.contains("data-name=\"main.descend\"") })
        // The wide new frames are red; narrow ones may stay grey (under the floor), but striped.
        let reds = added.compactMap { $0.firstMatch(of: /background: rgb\(([0-9]+), ([0-9]+), ([0-9]+)\)/) }
            .filter { (Int($0.1) ?? 0) > (Int($0.2) ?? 0) + 40 }
        #expect(!reds.isEmpty)
        #expect(HeadlessChromium.text(of: "total", in: mixed)?.hasPrefix("inuse_space: base ") == true)
    }
}

@Suite("flame formats and errors")
struct FlameCommandTests {
    @Test func jsonTreeAddsUp() throws {
        let result = try CLI.run(["flame", "--format", "json", "--min-fraction", "0", "Fixtures/profiles/mapleak.pb.gz"])
        try #require(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["sample_type"] as? String == "inuse_space")
        let root = try #require(json["root"] as? [String: Any])
        #expect(root["name"] as? String == "all")
        let totals = try #require(json["totals"] as? [String: NSNumber])
        #expect((root["values"] as? [String: NSNumber])?["inuse_space"] == totals["inuse_space"])
        func check(_ frame: [String: Any]) {
            let value = (frame["values"] as? [String: NSNumber])?["alloc_space"]?.int64Value ?? -1
            let children = frame["children"] as? [[String: Any]] ?? []
            let sum = children.reduce(Int64(0)) { $0 + ((($1["values"] as? [String: NSNumber])?["alloc_space"])?.int64Value ?? 0) }
            #expect(sum <= value, "\(frame["name"] ?? "")")
            children.forEach(check)
        }
        check(root)
    }

    @Test func svgHasTheTopFunctions() throws {
        let result = try CLI.run(["flame", "--format", "svg", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<?xml"))
        #expect(result.stdout.contains("<title>main.churnInsertDelete&#10;6.91MB — 24.03% of total, 24.04% of parent</title>"))
    }

    @Test(arguments: ["-1", "1", "nan"])
    func badMinFractionIsAUsageError(_ value: String) throws {
        let result = try CLI.run(["flame", "--min-fraction=\(value)", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--min-fraction must be at least 0 and below 1"))
    }

    @Test func missingProfileIsOneErrorLine() throws {
        let result = try CLI.run(["flame", "-o", "/tmp/never-written.html", "no-such.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr == "heapscope: error: no-such.pb.gz: cannot read: no such file or directory\n")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.html"))
    }

    @Test func unwritableOutputIsOneErrorLine() throws {
        let result = try CLI.run(["flame", "-o", "/nonexistent-dir/x.html", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("heapscope: error: cannot write /nonexistent-dir/x.html"))
    }
}

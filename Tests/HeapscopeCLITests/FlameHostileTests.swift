import Foundation
import HeapscopeTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Names that break naive HTML, SVG, JSON and folded output.
// A name with a `<…>` group has `.<` before it, so that pprof's C++ name
// simplification (which drops such groups) leaves it as it is.
private let hostileNames = [
    "main.</script><script>alert(1)</script>", "main.a.<b&c\"d'e>", "main.new\nline\r", "main.semi;colon",
    "main.{\"json\":[1]}", "main.back\\slash\\u0022", "main.<!--comment-->", "main.sep\u{2028}arator", "main.bell\u{7}tab\t",
]

/// A profile whose every stack runs through the hostile names.
private func writeHostileProfile(in dir: URL) throws -> String {
    var samples: [SyntheticProfile.Sample] = []
    for (index, name) in hostileNames.enumerated() {
        samples.append(
            .init(
                [name, hostileNames[(index + 1) % hostileNames.count], "main.main"],
                [1, 1000 * Int64(index + 1), 1, 1000 * Int64(index + 1)]))
    }
    let path = dir.appendingPathComponent("hostile-synthetic.pb").path
    try Data(SyntheticProfile(samples: samples, timeNanos: 1_700_000_000_000_000_000).encoded()).write(to: URL(fileURLWithPath: path))
    return path
}

/// Collects the text of every `<title>` and counts `<rect>`s; fails on XML errors.
private final class SVGReader: NSObject, XMLParserDelegate {
    var titles: [String] = []
    var rects = 0
    private var inTitle = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        if name == "title" {
            inTitle = true
            titles.append("")
        }
        if name == "rect" { rects += 1 }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle, !titles.isEmpty { titles[titles.count - 1] += string }
    }
}

@Suite("hostile names in flame pages, SVG and folded stacks", .serialized)
struct FlameHostileTests {
    @Test func htmlKeepsNamesAsData() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = try writeHostileProfile(in: dir)
        for source in [profile, "Fixtures/profiles/hostile.pb.gz"] {
            let page = try writeFlamePage(["--min-fraction", "0", source], in: dir)
            let html = try String(contentsOf: page, encoding: .utf8)
            #expect(html.components(separatedBy: "</script>").count == 3, "only the two script elements end")
            #expect(html.components(separatedBy: "<script").count == 3)
            #expect(!html.contains("<!--"))
            let start = try #require(html.range(of: "<script type=\"application/json\" id=\"flame-data\">"))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let data = try #require(
                try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
            let names = Set(data["names"] as? [String] ?? [])
            let dom = try HeadlessChromium.dom(page)
            #expect(dom.contains("data-rendered=\"true\""), "the page's script broke")
            #expect(dom.components(separatedBy: "<script").count == 3, "a name became a script element")
            let drawn = Set(HeadlessChromium.frameNames(dom))
            if source == profile {
                for name in hostileNames {
                    #expect(names.contains(name), "data lost \(name.debugDescription)")
                    #expect(
                        drawn.contains(name.replacingOccurrences(of: "\r", with: "\n")) || drawn.contains(name),
                        "not drawn: \(name.debugDescription)")
                }
            } else {
                #expect(names.contains("main.\"}; N99 [label=\"pwned\"]; {\""))
                #expect(drawn.contains("main.<angle>&amp;"))
            }
        }
    }

    @Test func svgIsWellFormedWithTitles() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = try writeHostileProfile(in: dir)
        for source in [profile, "Fixtures/profiles/hostile.pb.gz"] {
            let result = try CLI.run(["flame", "--format", "svg", "--min-fraction", "0", source])
            try #require(result.status == 0, "stderr: \(result.stderr)")
            let parser = XMLParser(data: Data(result.stdout.utf8))
            let reader = SVGReader()
            parser.delegate = reader
            #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
            // One title per frame rectangle (the background rect has none).
            #expect(reader.titles.count == reader.rects - 1)
            if source == profile {
                for name in hostileNames where !name.contains("\u{7}") && !name.contains("\r") {
                    #expect(reader.titles.contains { $0.hasPrefix(name + "\n") }, "no tooltip for \(name.debugDescription)")
                }
            }
        }
    }

    @Test func foldedLinesStayWhole() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["export", "--format", "folded", try writeHostileProfile(in: dir)])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == hostileNames.count)
        for line in lines {
            #expect(line.split(separator: ";").count == 3, "\(line)")
            #expect(!line.contains("\r") && !line.contains("\u{2028}") && !line.contains("\u{7}"))
        }
        #expect(result.stdout.contains("main.semi:colon"))
        #expect(result.stdout.contains("main.new line "))
    }
}

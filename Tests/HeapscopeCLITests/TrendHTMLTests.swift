import Foundation
import Testing

@Suite("trend --format html", .serialized)
struct TrendHTMLTests {
    @Test func onePageWithTheTotalAndEachSuspect() throws {
        let json = try CLI.run(["trend", "--format", "json", "Fixtures/profiles/trend/"])
        try #require(json.status == 0, "\(json.stderr)")
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let nodes = try #require(data["nodes"] as? [[String: Any]])
        let suspects = nodes.filter { $0["verdict"] as? String == "growing" }.compactMap { $0["name"] as? String }
        let snapshots = (data["snapshots"] as? [Any])?.count ?? 0
        #expect(!suspects.isEmpty && snapshots > 2)

        let result = try CLI.run(["trend", "--format", "html", "Fixtures/profiles/trend/"])
        try #require(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(!html.contains("<script"))
        #expect(html.firstMatch(of: /(?i)(src|href)\s*=/) == nil)
        for name in suspects { #expect(html.contains("<h3>\(name)</h3>\n<p><span class=\"verdict growing\">growing</span>")) }
        // One chart for the total and one per suspect, a point per snapshot.
        let charts = html.matches(of: /<polyline [^>]*points="([^"]*)"/)
        #expect(charts.count == suspects.count + 1)
        for chart in charts { #expect(chart.1.split(separator: " ").count == snapshots) }

        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("trend.html")
        try Data(html.utf8).write(to: page)
        let dom = try HeadlessChromium.dom(page)
        #expect(dom.components(separatedBy: "<svg").count - 1 == suspects.count + 1)
        #expect(dom.contains("Leak suspects (\(suspects.count) growing"))
    }
}

import Foundation
import Testing

@Suite("top JSON and info")
struct CommandTests {
    @Test func topJSONHasTheTextRows() throws {
        let text = try CLI.run(["top", "Fixtures/profiles/mapleak.pb.gz"])
        let json = try CLI.run(["top", "--format", "json", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = try #require(object?["rows"] as? [[String: Any]])
        let header = try #require(object?["header"] as? [String: Any])
        // One JSON row per text row, same names in the same order.
        let textRows = text.stdout.split(separator: "\n").drop { !$0.hasPrefix("      flat") }.dropFirst()
        #expect(rows.count == textRows.count)
        for (row, line) in zip(rows, textRows) {
            let name = try #require(row["name"] as? String)
            #expect(line.hasSuffix(name) || line.hasSuffix(name + " (inline)") || line.hasSuffix(name + " (partial-inline)"))
            #expect(line.hasPrefix(String(repeating: " ", count: max(0, 10 - ((row["flat_text"] as? String) ?? "").count)) + ((row["flat_text"] as? String) ?? "?")))
        }
        #expect(header["sample_type"] as? String == "inuse_space")
        #expect(header["file"] as? String == "mapleak")
        // Raw values are in base units and sum to no more than the total.
        let flats = rows.compactMap { $0["flat"] as? Int }
        let total = try #require(header["total"] as? Int)
        #expect(flats.reduce(0, +) == header["shown_flat"] as? Int)
        #expect(flats.reduce(0, +) <= total)
    }

    @Test func infoDescribesTheProfile() throws {
        let result = try CLI.run(["info", "Fixtures/profiles/allocs.pb.gz"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Binary:       /tmp/heapscope-fixtures/stdlib"))
        #expect(result.stdout.contains("alloc_space (default)"))
        #expect(result.stdout.contains("Period:       512kB of space") || result.stdout.contains("Period:"))
        let json = try CLI.run(["info", "--format", "json", "Fixtures/profiles/mapleak.pb.gz"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let types = try #require(object?["sample_types"] as? [[String: Any]])
        #expect(types.map { $0["type"] as? String } == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(types.last?["default"] as? Bool == true)
        #expect((object?["samples"] as? Int ?? 0) > 0)
    }

    /// info reads no sample column: it offers the decode flags only, and a
    /// sample-index flag is a usage error.
    @Test func infoOffersOnlyDecodeFlags() throws {
        let help = try CLI.run(["info", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--max-decompressed-size"))
        #expect(!help.stdout.contains("--sample-index"))
        #expect(!help.stdout.contains("--inuse-space"))
        let result = try CLI.run(["info", "--inuse-space", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--inuse-space'"))
        let top = try CLI.run(["top", "--help"])
        #expect(top.stdout.contains("--sample-index") && top.stdout.contains("--max-decompressed-size"))
    }

    @Test func helpHasExamples() throws {
        let result = try CLI.run(["top", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("heapscope top heap.pb.gz"))
    }
}

import Foundation
import Testing

/// Every committed profile, relative to the repository root.
let allFixtureProfiles: [String] = {
    let base = CLI.root.appendingPathComponent("Fixtures/profiles")
    let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".pb.gz") || $0.hasSuffix(".pb") }.sorted().map { "Fixtures/profiles/" + $0 }
}()

/// `top --node-fraction 0 --format json`: the total and every node's flat value.
private func topFlat(_ arguments: [String]) throws -> (total: Int64, flat: [String: Int64], sampleUnit: String) {
    let result = try CLI.run(["top", "--node-fraction", "0", "--format", "json"] + arguments)
    try #require(result.status == 0, "top: \(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let header = try #require(json["header"] as? [String: Any])
    let rows = try #require(json["rows"] as? [[String: Any]])
    var flat: [String: Int64] = [:]
    for row in rows {
        let name = try #require(row["name"] as? String)
        flat[foldedName(name), default: 0] += (row["flat"] as? NSNumber)?.int64Value ?? 0
    }
    return ((header["total"] as? NSNumber)?.int64Value ?? -1, flat.filter { $0.value != 0 }, header["sample_unit"] as? String ?? "")
}

/// What the folded format makes of a name (documented in docs/export.md).
func foldedName(_ name: String) -> String {
    String(
        String.UnicodeScalarView(
            name.unicodeScalars.map { scalar in
                if scalar == ";" { return ":" }
                if scalar.value < 0x20 || scalar.value == 0x7f || scalar.value == 0x85
                    || scalar.value == 0x2028 || scalar.value == 0x2029
                {
                    return " "
                }
                return scalar
            }))
}

@Suite("export --format folded")
struct FoldedExportTests {
    @Test(arguments: allFixtureProfiles)
    func sumsMatchTop(_ profile: String) throws {
        for column in [[], ["--sample-index", "0"]] {
            let result = try CLI.run(["export", "--format", "folded"] + column + [profile])
            try #require(result.status == 0, "stderr: \(result.stderr)")
            var sum: Int64 = 0
            var leaves: [String: Int64] = [:]
            var stacks = Set<String>()
            for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let space = try #require(line.lastIndex(of: " "), "no value in \(line)")
                let stack = String(line[..<space])
                let value = try #require(Int64(line[line.index(after: space)...]), "bad value in \(line)")
                #expect(!stack.isEmpty && value != 0)
                #expect(stacks.insert(stack).inserted, "stack listed twice: \(stack)")
                sum += value
                let leaf = stack.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
                leaves[String(leaf), default: 0] += value
            }
            #expect(result.stdout.isEmpty || result.stdout.hasSuffix("\n"))
            let top = try topFlat(column + [profile])
            #expect(sum == top.total, "\(profile) \(column): folded sum against top's total")
            // Names with invalid UTF-8 (legacy/names.pb.gz) are compared as
            // decoded text, where the two outputs may split a bad sequence
            // into a different number of U+FFFD.
            #expect(
                collapsingReplacements(leaves.filter { $0.value != 0 }) == collapsingReplacements(top.flat),
                "\(profile) \(column): per-leaf sums against top's flat")
        }
    }

    @Test func hostileNamesStayOnOneLine() throws {
        let result = try CLI.run(["export", "--format", "folded", "Fixtures/profiles/hostile.pb.gz"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        let frames = try topFlat(["Fixtures/profiles/hostile.pb.gz"]).flat.keys
        #expect(frames.contains { $0.contains("  ") || $0.contains(":") }, "the fixture has names with newlines or semicolons")
        for line in lines {
            #expect(line.range(of: #"^[^\n\r]+ -?[0-9]+$"#, options: .regularExpression) != nil, "\(line)")
        }
        // Every line's frame count matches the depth: no `;` from a name.
        #expect(!lines.isEmpty)
    }

    @Test func diffBaseLinesAreSigned() throws {
        let series = ExportCase.series
        let result = try CLI.run(["export", "--format", "folded", "--diff-base", series + "mapleak-1.pb.gz", series + "mapleak-5.pb.gz"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(" -"))
    }
}

@Suite("export --format speedscope")
struct SpeedscopeExportTests {
    /// The required members of speedscope's file-format-schema.json
    /// (FileFormat.File, Frame, SampledProfile).
    @Test(arguments: allFixtureProfiles)
    func hasTheSchemasRequiredFields(_ profile: String) throws {
        let result = try CLI.run(["export", "--format", "speedscope", profile])
        try #require(result.status == 0, "stderr: \(result.stderr)")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(file["$schema"] as? String == "https://www.speedscope.app/file-format-schema.json")
        let shared = try #require(file["shared"] as? [String: Any])
        let frames = try #require(shared["frames"] as? [[String: Any]])
        for frame in frames {
            #expect(frame["name"] is String)
            if let line = frame["line"] { #expect(line is NSNumber) }
            if let path = frame["file"] { #expect(path is String) }
        }
        let profiles = try #require(file["profiles"] as? [[String: Any]])
        try #require(profiles.count == 1)
        let sampled = profiles[0]
        #expect(sampled["type"] as? String == "sampled")
        #expect(sampled["name"] is String)
        let unit = try #require(sampled["unit"] as? String)
        #expect(["none", "nanoseconds", "microseconds", "milliseconds", "seconds", "bytes"].contains(unit))
        #expect(sampled["startValue"] as? NSNumber == 0)
        let samples = try #require(sampled["samples"] as? [[NSNumber]])
        let weights = try #require(sampled["weights"] as? [NSNumber])
        #expect(samples.count == weights.count)
        #expect(samples.allSatisfy { stack in stack.allSatisfy { $0.intValue >= 0 && $0.intValue < frames.count } })
        let total = weights.reduce(Int64(0)) { $0 + $1.int64Value }
        #expect((sampled["endValue"] as? NSNumber)?.int64Value == total)
        #expect(weights.allSatisfy { $0.int64Value > 0 })
        let top = try topFlat([profile])
        #expect(total == top.total)
        #expect(unit == (top.sampleUnit == "nanoseconds" ? "nanoseconds" : "bytes"))
    }

    @Test func countsHaveUnitNone() throws {
        let result = try CLI.run(["export", "--format", "speedscope", "--inuse-objects", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""type":"sampled","name":"inuse_objects","unit":"none""#))
    }
}

/// `values` with every run of U+FFFD in a key collapsed to one.
private func collapsingReplacements(_ values: [String: Int64]) -> [String: Int64] {
    var result: [String: Int64] = [:]
    for (key, value) in values {
        var collapsed = ""
        for character in key where !(character == "\u{FFFD}" && collapsed.last == "\u{FFFD}") { collapsed.append(character) }
        result[collapsed, default: 0] += value
    }
    return result
}

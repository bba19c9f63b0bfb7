import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport
import Testing

private let series = "Fixtures/profiles/series"
private func snapshot(_ n: Int) -> String { "\(series)/mapleak-\(n).pb.gz" }

/// Per function name, computed straight from the decoded samples (not from
/// heapscope's graph): flat goes to the innermost frame of the leaf
/// location, cum to every function of the stack once per sample.
private struct Expected {
    var flat: [String: Int64] = [:]
    var cum: [String: Int64] = [:]
    var total: Int64 = 0

    init(path: String, sampleType: String) throws {
        let profile = try ProfileDecoder.decode(contentsOf: CLI.root.appendingPathComponent(path).path)
        let column = try #require(profile.sampleTypeNames.firstIndex(of: sampleType))
        for sample in 0..<profile.sampleCount {
            let value = profile.value(ofSample: sample, index: column)
            total += abs(value)
            if value == 0 { continue }
            let stack = profile.stack(ofSample: sample)
            var names: Set<String> = []
            for location in stack {
                for line in profile.lines(of: profile.locations[Int(location)]) {
                    names.insert(profile.name(of: profile.functions[Int(line.function)]))
                }
            }
            for name in names { cum[name, default: 0] += value }
            if let leaf = stack.first, let line = profile.lines(of: profile.locations[Int(leaf)]).first {
                flat[profile.name(of: profile.functions[Int(line.function)]), default: 0] += value
            }
        }
    }
}

private func json(_ result: CLI.Result) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
}

private func int(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }

struct DiffPair: CustomStringConvertible, Sendable {
    let base: Int, new: Int, sampleType: String, cum: Bool
    var description: String { "\(base)->\(new) \(sampleType)\(cum ? " cum" : "")" }
}

@Suite("heapscope diff: growth table and gate")
struct DiffCommandTests {
    static let pairs: [DiffPair] = [
        DiffPair(base: 1, new: 5, sampleType: "inuse_space", cum: false),
        DiffPair(base: 2, new: 4, sampleType: "alloc_objects", cum: false),
        DiffPair(base: 4, new: 2, sampleType: "inuse_objects", cum: true),
        DiffPair(base: 5, new: 3, sampleType: "alloc_space", cum: true),
    ]

    @Test(arguments: pairs)
    func rowsMatchValuesComputedFromTheSamples(_ pair: DiffPair) throws {
        let base = try Expected(path: snapshot(pair.base), sampleType: pair.sampleType)
        let new = try Expected(path: snapshot(pair.new), sampleType: pair.sampleType)
        var args = ["diff", "--format", "json", "--node-fraction", "0", "--sample-index", pair.sampleType]
        if pair.cum { args.append("--cum") }
        let result = try CLI.run(args + [snapshot(pair.base), snapshot(pair.new)])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let document = try json(result)
        #expect(document["sample_type"] as? String == pair.sampleType)
        let baseSide = try #require(document["base"] as? [String: Any])
        let newSide = try #require(document["new"] as? [String: Any])
        #expect(int(baseSide["total"]) == base.total)
        #expect(int(newSide["total"]) == new.total)
        #expect(int(document["net_change"]) == new.total - base.total)

        let measureBase = pair.cum ? base.cum : base.flat
        let measureNew = pair.cum ? new.cum : new.flat
        let names = Set(measureBase.keys).union(measureNew.keys).filter {
            measureBase[$0, default: 0] != 0 || measureNew[$0, default: 0] != 0
        }
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["name"] as? String }) == names)
        var previous = Int64.max
        for row in rows {
            let name = try #require(row["name"] as? String)
            let b = measureBase[name, default: 0]
            let n = measureNew[name, default: 0]
            #expect(int(row["base"]) == b, "\(name)")
            #expect(int(row["new"]) == n, "\(name)")
            #expect(int(row["delta"]) == n - b, "\(name)")
            #expect(int(row["base_flat"]) == base.flat[name, default: 0], "\(name)")
            #expect(int(row["new_flat"]) == new.flat[name, default: 0], "\(name)")
            #expect(int(row["base_cum"]) == base.cum[name, default: 0], "\(name)")
            #expect(int(row["new_cum"]) == new.cum[name, default: 0], "\(name)")
            let status = row["status"] as? String
            #expect(status == (b == 0 ? "new" : n == 0 ? "gone" : "changed"), "\(name)")
            if b != 0 {
                let percent = try #require((row["change_percent"] as? NSNumber)?.doubleValue)
                #expect(abs(percent - Double(n - b) / Double(b) * 100) < 0.0001, "\(name)")
            } else {
                #expect(row["change_percent"] is NSNull, "\(name)")
            }
            #expect(n - b <= previous, "rows sorted by delta, largest growth first")
            previous = n - b
        }
    }

    @Test func bothSidesReportTheSameColumn() throws {
        // allocs.pb.gz names alloc_space as its default; stdlib.pb.gz names none.
        for (base, new) in [("stdlib", "allocs"), ("allocs", "stdlib")] {
            let result = try CLI.run(["diff", "--format", "json", "Fixtures/profiles/\(base).pb.gz", "Fixtures/profiles/\(new).pb.gz"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let document = try json(result)
            #expect(document["sample_type"] as? String == "alloc_space")
            let expected = try Expected(path: "Fixtures/profiles/\(base).pb.gz", sampleType: "alloc_space")
            #expect(int((document["base"] as? [String: Any])?["total"]) == expected.total)
        }
    }

    @Test func textTableShowsTotalsAndNewRows() throws {
        let result = try CLI.run(["diff", "--nodecount", "3", snapshot(1), snapshot(5)])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Type: inuse_space"))
        #expect(lines.contains { $0.hasPrefix("Base total: ") })
        #expect(lines.contains { $0.hasPrefix("New total: ") })
        #expect(lines.contains { $0.hasPrefix("Net change: +") && $0.hasSuffix("%)") })
        #expect(lines.contains { $0.hasPrefix("Showing top 3 nodes out of ") })
        #expect(lines.contains(" base flat   new flat      delta    change"))
        // Largest growth first: the never-evicting cache's sessions.
        let header = try #require(lines.firstIndex(of: " base flat   new flat      delta    change"))
        #expect(lines.count == header + 4)
        #expect(lines[header + 1].hasSuffix("  main.newSession"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func nodesPresentOnOneSideSayNewOrGone() throws {
        let grown = try CLI.run(["diff", "--format", "json", "--node-fraction", "0", "--inuse-objects", snapshot(2), snapshot(4)])
        let rows = try #require(try json(grown)["rows"] as? [[String: Any]])
        let gone = try #require(rows.first { $0["status"] as? String == "gone" })
        #expect(int(gone["new"]) == 0)
        let text = try CLI.run(["diff", "--node-fraction", "0", "--inuse-objects", snapshot(2), snapshot(4)])
        #expect(text.stdout.contains("gone  \(gone["name"] as? String ?? "?")"))
        let reversed = try CLI.run(["diff", "--node-fraction", "0", "--inuse-objects", snapshot(4), snapshot(2)])
        #expect(reversed.stdout.contains("new  \(gone["name"] as? String ?? "?")"))
    }

    @Test func colourMarksGrowthRedAndShrinkGreen() throws {
        let options = ReportOptions(prune: PruneOptions(nodeFraction: 0))
        let base = try ProfileDecoder.decode(contentsOf: CLI.root.appendingPathComponent(snapshot(2)).path)
        let new = try ProfileDecoder.decode(contentsOf: CLI.root.appendingPathComponent(snapshot(4)).path)
        let view = GrowthView(
            base: try ReportContext(profile: base, options: options),
            new: try ReportContext(profile: new, options: options))
        let colored = GrowthRenderer.text(view, outputUnit: "minimum", color: true).split(separator: "\n")
        let plain = GrowthRenderer.text(view, outputUnit: "minimum", color: false).split(separator: "\n")
        #expect(colored.count == plain.count)
        let header = try #require(plain.firstIndex { $0.hasSuffix("change") })
        for index in (header + 1)..<min(plain.count, colored.count) {
            let delta = plain[index].split(separator: " ")[2]
            let escape = delta.hasPrefix("+") ? "\u{1B}[31m" : delta.hasPrefix("-") ? "\u{1B}[32m" : nil
            if let escape {
                #expect(colored[index].contains(escape) && colored[index].contains("\u{1B}[0m"), "\(plain[index])")
            } else {
                #expect(colored[index] == plain[index])
            }
        }
        #expect(colored.contains { $0.contains("\u{1B}[31m") })
        #expect(!plain.contains { $0.contains("\u{1B}[") })
        let shrinking = GrowthView(
            base: try ReportContext(profile: new, options: options),
            new: try ReportContext(profile: base, options: options))
        #expect(GrowthRenderer.text(shrinking, outputUnit: "minimum", color: true).contains("\u{1B}[32m"))
    }

    // MARK: gate

    /// Net growth and largest single-node flat growth of 2 → 4 (inuse_space).
    private func growth() throws -> (net: Int64, node: Int64, second: Int64, base: Int64) {
        let document = try json(try CLI.run(["diff", "--format", "json", "--node-fraction", "0", snapshot(2), snapshot(4)]))
        let rows = try #require(document["rows"] as? [[String: Any]])
        let flat = rows.compactMap { int($0["delta"]) }.sorted(by: >)
        let base = try #require(int((document["base"] as? [String: Any])?["total"]))
        return (try #require(int(document["net_change"])), flat[0], flat[1], base)
    }

    @Test func maxGrowthExitsThreeOnlyAboveTheLimit() throws {
        let (net, _, _, base) = try growth()
        let within = try CLI.run(["diff", "--max-growth", "\(net)", snapshot(2), snapshot(4)])
        #expect(within.status == 0)
        #expect(within.stderr.isEmpty)
        let over = try CLI.run(["diff", "--max-growth", "\(net - 1)", snapshot(2), snapshot(4)])
        #expect(over.status == 3)
        let lines = over.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("heapscope: max-growth exceeded: inuse_space grew +") == true)
        // Percentages are of the base total.
        let percent = Double(net) / Double(base) * 100
        let above = try CLI.run(["diff", "--max-growth", "\(Int(percent.rounded(.up)))%", snapshot(2), snapshot(4)])
        #expect(above.status == 0)
        let below = try CLI.run(["diff", "--max-growth", "\(Int(percent.rounded(.down)))%", snapshot(2), snapshot(4)])
        #expect(below.status == 3)
        #expect(below.stderr.contains("% of the base total)"))
        // Sizes with units: 1MB is under the growth, 100MB over it.
        #expect(try CLI.run(["diff", "--max-growth", "1MB", snapshot(2), snapshot(4)]).status == 3)
        #expect(try CLI.run(["diff", "--max-growth", "100MB", snapshot(2), snapshot(4)]).status == 0)
        // Shrinking never breaches.
        #expect(try CLI.run(["diff", "--max-growth", "0", snapshot(4), snapshot(2)]).status == 0)
    }

    @Test func maxNodeGrowthReportsEachNodeOverTheLimit() throws {
        let (_, node, second, _) = try growth()
        #expect(try CLI.run(["diff", "--max-node-growth", "\(node)", snapshot(2), snapshot(4)]).status == 0)
        let one = try CLI.run(["diff", "--max-node-growth", "\(node - 1)", snapshot(2), snapshot(4)])
        #expect(one.status == 3)
        #expect(one.stderr.split(separator: "\n").count == (second > node - 1 ? 2 : 1))
        #expect(one.stderr.hasPrefix("heapscope: max-node-growth exceeded: main.newSession grew +"))
        let two = try CLI.run(["diff", "--max-node-growth", "\(second - 1)", "--max-growth", "0", snapshot(2), snapshot(4)])
        #expect(two.status == 3)
        let lines = two.stderr.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("heapscope: max-growth exceeded"))
        // JSON carries the breaches too, and the same exit status.
        let document = try CLI.run(["diff", "--format", "json", "--max-node-growth", "\(second - 1)", snapshot(2), snapshot(4)])
        #expect(document.status == 3)
        #expect((try json(document)["breaches"] as? [Any])?.count == 2)
    }

    @Test func countLimitsOnObjectColumns() throws {
        let document = try json(try CLI.run(["diff", "--format", "json", "--inuse-objects", snapshot(2), snapshot(4)]))
        let net = try #require(int(document["net_change"]))
        #expect(try CLI.run(["diff", "--inuse-objects", "--max-growth", "\(net)", snapshot(2), snapshot(4)]).status == 0)
        #expect(try CLI.run(["diff", "--inuse-objects", "--max-growth", "\(net - 1)", snapshot(2), snapshot(4)]).status == 3)
    }

    // MARK: errors

    static let errors: [(args: [String], message: String)] = [
        (
            ["diff", "Fixtures/profiles/cpu.pb.gz", "Fixtures/profiles/mapleak.pb.gz"],
            "heapscope: error: Fixtures/profiles/mapleak.pb.gz against base Fixtures/profiles/cpu.pb.gz: incompatible period types space/bytes and cpu/nanoseconds"
        ),
        (
            ["diff", "Fixtures/profiles/mapleak.pb.gz", "Fixtures/profiles/cpu.pb.gz"],
            "heapscope: error: Fixtures/profiles/cpu.pb.gz against base Fixtures/profiles/mapleak.pb.gz: incompatible period types cpu/nanoseconds and space/bytes"
        ),
        (
            ["top", "--base", "Fixtures/profiles/cpu.pb.gz", "Fixtures/profiles/mapleak.pb.gz"],
            "heapscope: error: Fixtures/profiles/mapleak.pb.gz against base Fixtures/profiles/cpu.pb.gz: incompatible period types space/bytes and cpu/nanoseconds"
        ),
        (
            ["top", "--diff-base", "Fixtures/profiles/mapleak.pb.gz", "Fixtures/profiles/cpu.pb.gz"],
            "heapscope: error: Fixtures/profiles/cpu.pb.gz against base Fixtures/profiles/mapleak.pb.gz: incompatible period types cpu/nanoseconds and space/bytes"
        ),
        (
            ["top", "--normalize", "--diff-base", "Fixtures/profiles/cpu.pb.gz", "Fixtures/profiles/series/mapleak-1.pb.gz"],
            "heapscope: error: Fixtures/profiles/series/mapleak-1.pb.gz against base Fixtures/profiles/cpu.pb.gz: incompatible period types space/bytes and cpu/nanoseconds"
        ),
        (
            [
                "top", "--diff-base", "Fixtures/profiles/series/mapleak-1.pb.gz", "--diff-base", "Fixtures/profiles/cpu.pb.gz",
                "Fixtures/profiles/mapleak.pb.gz",
            ],
            "heapscope: error: Fixtures/profiles/series/mapleak-1.pb.gz, Fixtures/profiles/cpu.pb.gz: incompatible period types space/bytes and cpu/nanoseconds"
        ),
        (
            ["top", "--base", "Fixtures/profiles/missing.pb.gz", "Fixtures/profiles/mapleak.pb.gz"],
            "heapscope: error: Fixtures/profiles/missing.pb.gz: cannot read: no such file or directory"
        ),
        (
            [
                "diff", "--inuse-objects", "--max-node-growth", "1MB", "Fixtures/profiles/series/mapleak-1.pb.gz",
                "Fixtures/profiles/mapleak.pb.gz",
            ],
            "heapscope: error: --max-node-growth 1MB is a size, but inuse_objects is not in bytes: give a plain number or a percentage"
        ),
        (
            ["diff", "--sample-index", "bogus", "Fixtures/profiles/series/mapleak-1.pb.gz", "Fixtures/profiles/mapleak.pb.gz"],
            "heapscope: error: sample_index \"bogus\" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]"
        ),
    ]

    @Test(arguments: 0..<errors.count)
    func errorsAreOneLineAndExitOne(_ index: Int) throws {
        let (args, message) = Self.errors[index]
        let result = try CLI.run(args)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
    }

    @Test func badLimitIsAUsageError() throws {
        let result = try CLI.run([
            "diff", "--max-growth", "lots", "Fixtures/profiles/series/mapleak-1.pb.gz", "Fixtures/profiles/mapleak.pb.gz",
        ])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --max-growth must be a size (10MB, 512kB), a number or a percentage (25%), not 'lots'\n"))
    }

    @Test func conflictingDiffFlagsAreUsageErrors() throws {
        let both = try CLI.run(["top", "--base", snapshot(1), "--diff-base", snapshot(2), snapshot(3)])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("Error: --base and --diff-base cannot both be given"))
        let normalize = try CLI.run(["top", "--normalize", snapshot(3)])
        #expect(normalize.status == 64)
        #expect(normalize.stderr.hasPrefix("Error: --normalize needs a base profile (--base or --diff-base)"))
        let one = try CLI.run(["diff", snapshot(3)])
        #expect(one.status == 64)
    }

    @Test func helpDocumentsTheGate() throws {
        let help = try CLI.run(["diff", "--help"])
        #expect(help.status == 0)
        for text in ["--max-growth", "--max-node-growth", "Exit status: 0 within all limits, 3 a limit exceeded, 1 error", "Examples:"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
        let top = try CLI.run(["top", "--help"])
        for text in ["--base", "--diff-base", "--normalize"] { #expect(top.stdout.contains(text), "\(text)") }
    }
}

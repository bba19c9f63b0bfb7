import Foundation
import HeapscopeTestSupport
import Testing

/// `heapscope trend`'s series hygiene (skipped, merged and foreign
/// snapshots), warm-up, baseline, rate and limit gates and their JSON.
@Suite("heapscope trend series and gates")
struct TrendSeriesOptionsTests {
    static let shapes = TrendCLITests.shapes
    static let series = TrendCLITests.series

    /// A temporary copy of the map-leak series, plus `extra` files.
    static func seriesCopy(_ extra: [String: [UInt8]] = [:], duplicate: Bool = false) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-trend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in series {
            try FileManager.default.copyItem(
                at: CLI.root.appendingPathComponent(file),
                to: directory.appendingPathComponent((file as NSString).lastPathComponent))
        }
        if duplicate {
            try FileManager.default.copyItem(
                at: CLI.root.appendingPathComponent(series[2]),
                to: directory.appendingPathComponent("mapleak-3b.pb.gz"))
        }
        for (name, bytes) in extra { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        return directory
    }

    @Test func badFileIsSkippedWithOneWarning() throws {
        let directory = try Self.seriesCopy(["mapleak-0.pb.gz": [], "notes.pb": Array("not a profile\n".utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["trend", "--format", "json", directory.path])
        #expect(result.status == 0)
        #expect(
            result.stderr == """
                heapscope: warning: \(directory.path)/mapleak-0.pb.gz: skipped: empty input file
                heapscope: warning: \(directory.path)/notes.pb: skipped: not a pprof profile: the file is text, neither gzip nor protobuf; heapscope reads profile.proto (gzipped or not) and the legacy formats go tool pprof reads: heap text (Go ?debug=1, gperftools), contention text (Go mutex/block ?debug=1, contentionz), Go goroutine/threadcreate text, thread text (threadz), Java text (heapz, contentionz) and the binary CPU format (C++ and Java)

                """)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let skipped = try #require(document["skipped"] as? [[String: String]])
        #expect(
            skipped == [
                ["file": "\(directory.path)/mapleak-0.pb.gz", "error": "empty input file"],
                [
                    "file": "\(directory.path)/notes.pb",
                    "error":
                        "not a pprof profile: the file is text, neither gzip nor protobuf; heapscope reads profile.proto (gzipped or not) "
                        + "and the legacy formats go tool pprof reads: heap text (Go ?debug=1, gperftools), contention text (Go mutex/block "
                        + "?debug=1, contentionz), Go goroutine/threadcreate text, thread text (threadz), Java text (heapz, contentionz) "
                        + "and the binary CPU format (C++ and Java)",
                ],
            ])
        #expect((document["snapshots"] as? [Any])?.count == 5)
        // The verdicts are those of the clean series.
        #expect(TrendCLITests.verdicts(document) == TrendCLITests.verdicts(try TrendCLITests.json(Self.series)))
        // --strict: the first bad file is the error.
        let strict = try CLI.run(["trend", "--strict", directory.path])
        #expect(strict.status == 1)
        #expect(strict.stderr == "heapscope: error: \(directory.path)/mapleak-0.pb.gz: empty input file\n")
        #expect(strict.stdout.isEmpty)
        // Skipping can leave too few snapshots: that is still an error.
        let alone = try CLI.run(["trend", Self.series[0], "\(directory.path)/mapleak-0.pb.gz"])
        #expect(alone.status == 1)
        #expect(alone.stderr.hasSuffix("heapscope: error: trend needs at least 2 snapshots, got 1\n"))
    }

    @Test func identicalSnapshotsAreMerged() throws {
        let directory = try Self.seriesCopy(duplicate: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["trend", "--format", "json", directory.path])
        #expect(result.status == 0)
        #expect(
            result.stderr == "heapscope: hint: \(directory.path)/mapleak-3b.pb.gz had the same samples as the snapshot before "
                + "(no GC ran in between, or nothing new was sampled) and was merged into it; fetch snapshots with /debug/pprof/heap?gc=1\n"
        )
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["snapshots"] as? [Any])?.count == 5)
        let merged = try #require(document["merged"] as? [[String: String]])
        #expect(merged == [["file": "\(directory.path)/mapleak-3b.pb.gz", "same_as": "\(directory.path)/mapleak-3.pb.gz"]])
    }

    @Test func deltaProfileIsNamed() throws {
        var delta = SyntheticProfile(samples: [.init(["main.grow"], [1, 1024, 1, 1024])], timeNanos: 1_795_833_141_000_000_000)
        delta.durationNanos = 30_000_000_000
        let directory = try Self.seriesCopy(["heap-delta.pb.gz": try gzipped(delta.encoded())])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["trend", directory.path])
        #expect(result.status == 1)
        #expect(
            result.stderr == "heapscope: error: \(directory.path)/heap-delta.pb.gz: a delta heap profile (?seconds=N: what changed "
                + "over N seconds, not what is held), but the series is of heap profiles; fetch /debug/pprof/heap without ?seconds=\n")
    }

    @Test func warmupIsShownButNotJudged() throws {
        let document = try TrendCLITests.json(["--warmup", "2"] + Self.shapes)
        #expect(TrendCLITests.int(document["warmup"]) == 2)
        let baseline = try #require(document["baseline"] as? [String: Any])
        // The mean of snapshots 3…5: (64.12 + 72.28 + 72.31 MB) / 3, to the byte.
        let totals = try #require((document["snapshots"] as? [[String: Any]])?.compactMap { TrendCLITests.int($0["total"]) })
        #expect(TrendCLITests.int(baseline["total"]) == (totals[2] + totals[3] + totals[4]) / 3)
        #expect(TrendCLITests.int(baseline["snapshots"]) == 3)
        let linear = try #require(TrendCLITests.nodes(document)["main.linear"])
        // Every value is shown; the statistics start at snapshot 3.
        #expect(TrendCLITests.ints(linear["values"])?.count == 6)
        #expect(TrendCLITests.int(linear["first"]) == 12 * TrendCLITests.mib)
        #expect(TrendCLITests.int(linear["intervals"]) == 3)
        let text = try CLI.run(["trend", "--warmup", "2"] + Self.shapes)
        #expect(text.stdout.contains("Warm-up: the first 2 snapshots are shown but not judged"))
        #expect(text.stdout.contains("(mean of snapshots 3-5); --max-growth is measured from it"))
        #expect(text.stdout.contains("shapes-1.pb.gz  (warm-up)"))
    }

    @Test(arguments: [("20MB/h", Int32(3)), ("30MB/h", 0), ("50%/day", 3), ("1000%/day", 0)])
    func maxGrowthRate(rate: String, status: Int32) throws {
        // The total's Sen slope is +24.19MB/h.
        let result = try CLI.run(["trend", "--max-growth-rate", rate] + Self.shapes)
        #expect(result.status == status)
        if status == 3 {
            let limit = rate == "20MB/h" ? "20MB" : "1.34MB"
            #expect(result.stderr == "heapscope: total inuse_space grows by +24.19MB/h, over the --max-growth-rate limit of \(limit)/h\n")
        } else {
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func limitProjection() throws {
        let text = try CLI.run(["trend", "--limit", "200MB"] + Self.shapes)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Limit 200MB: at +24.19MB/h (Sen's slope) the total reaches 200MB in about 4h56m"))
        #expect(text.stdout.contains("  main.linear alone brings the total to 200MB in about 4h59m"))
        let document = try TrendCLITests.json(["--limit", "200MB"] + Self.shapes)
        let projection = try #require(document["projection"] as? [String: Any])
        #expect(TrendCLITests.int(projection["limit"]) == 200 * TrendCLITests.mib)
        let eta = try #require(TrendCLITests.double(projection["eta_seconds"]))
        #expect(eta > 4 * 3600 && eta < 5 * 3600)
        #expect(try TrendCLITests.json(Self.shapes)["projection"] == nil)
        // Already over the limit: the gate trips.
        let over = try CLI.run(["trend", "--limit", "70MB"] + Self.shapes)
        #expect(over.status == 3)
        #expect(over.stdout.contains("Limit 70MB: the total (80.34MB) has reached it"))
        #expect(over.stderr == "heapscope: total inuse_space is 80.34MB, at or over the --limit of 70MB\n")
    }

    /// The total reaches 200MB in about 4h56m: a gate of 6h trips, one of
    /// 4h does not; once over the limit, --limit decides alone.
    @Test(arguments: [("6h", Int32(3)), ("300min", 3), ("4h", 0), ("2d", 3)])
    func limitWithin(duration: String, status: Int32) throws {
        let result = try CLI.run(["trend", "--limit", "200MB", "--limit-within", duration] + Self.shapes)
        #expect(result.status == status)
        if status == 3 {
            let shown = duration == "300min" ? "5h" : duration
            #expect(
                result.stderr
                    == "heapscope: total inuse_space reaches the --limit of 200MB in about 4h56m, within the --limit-within of \(shown)\n")
        } else {
            #expect(result.stderr.isEmpty)
        }
        let over = try CLI.run(["trend", "--limit", "70MB", "--limit-within", "1s"] + Self.shapes)
        #expect(over.status == 3)
        #expect(over.stderr == "heapscope: total inuse_space is 80.34MB, at or over the --limit of 70MB\n")
    }

    @Test func countsGateObjectColumns() throws {
        // A plain number is in the column's unit: objects here.
        let result = try CLI.run(["trend", "--inuse-objects", "--max-growth", "1"] + Self.series)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("heapscope: total inuse_objects grew by +"))
        #expect(
            try CLI.run(["trend", "--inuse-objects", "--max-growth", "200%", "--max-growth-rate", "1000000000/h"] + Self.series).status == 0
        )
    }

    @Test func jsonHasTheNewFields() throws {
        let document = try TrendCLITests.json(Self.shapes)
        #expect(TrendCLITests.int(document["warmup"]) == 0)
        #expect((document["skipped"] as? [Any])?.isEmpty == true)
        let thresholds = try #require(document["thresholds"] as? [String: Any])
        #expect(TrendCLITests.double(thresholds["min_confidence"]) == 0.99)
        let linear = try #require(TrendCLITests.nodes(document)["main.linear"])
        #expect(linear["reason"] as? String == "rose in 5 of 5 intervals, never dropped")
        // A straight line: every pairwise slope is 24 MiB per hour.
        #expect(TrendCLITests.double(linear["slope_low_per_hour"]) == Double(24 * TrendCLITests.mib))
        #expect(TrendCLITests.double(linear["slope_high_per_hour"]) == Double(24 * TrendCLITests.mib))
        // 6 rising values: S = 15, Var = 6·5·17/18, z = 14/√Var, Φ(z) = 0.9957.
        #expect(TrendCLITests.double(linear["confidence"]) == 0.9957)
        let sawtooth = try #require(TrendCLITests.nodes(document)["main.sawtooth"])
        #expect(sawtooth["reason"] as? String == "moves by 8MB but not steadily one way")
        let untimed = try TrendCLITests.json(TrendCLITests.notime)
        let node = try #require(TrendCLITests.nodes(untimed)["main.linear"])
        #expect(node["slope_low_per_hour"] is NSNull && node["slope_high_per_hour"] is NSNull)
    }
}

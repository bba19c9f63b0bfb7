import HeapscopeAnalysis
import HeapscopeProfile
import Testing

/// A small heap-like profile: one location per function name, each sample
/// a stack of names (leaf first) with `space`/`bytes` and `objects`/`count`.
private func makeProfile(
    _ samples: [(stack: [String], bytes: Int64, objects: Int64)],
    types: [ValueType] = [ValueType(type: "objects", unit: "count"), ValueType(type: "space", unit: "bytes")]
) -> Profile {
    var profile = Profile()
    var cache: [String: Int32] = [:]
    for type in types { profile.appendSampleType(type, cache: &cache) }
    profile.periodType = ValueType(type: "space", unit: "bytes")
    var locationOf: [String: UInt32] = [:]
    for sample in samples {
        let stack = sample.stack.map { name -> UInt32 in
            if let index = locationOf[name] { return index }
            let index = UInt32(profile.locations.count)
            profile.appendFunction(id: UInt64(profile.functions.count + 1), name: name, cache: &cache)
            profile.lines.append(Line(function: Int32(profile.functions.count - 1), line: 1))
            profile.locations.append(
                Location(id: UInt64(index + 1), lineStart: Int32(profile.lines.count - 1), lineEnd: Int32(profile.lines.count)))
            locationOf[name] = index
            return index
        }
        let values = types.count == 2 ? [sample.objects, sample.bytes] : [sample.bytes]
        profile.appendSample(locations: stack, values: values, labels: [Label]())
    }
    return profile
}

private func values(_ profile: Profile) -> [[Int64]] {
    (0..<profile.sampleCount).map { sample in
        (0..<profile.sampleTypes.count).map { profile.value(ofSample: sample, index: $0) }
    }
}

@Suite("ProfileDiff: pprof's -base / -diff_base combination")
struct ProfileDiffTests {
    @Test func scaleRoundsHalfAwayFromZeroAndDropsZeroSamples() {
        let profile = makeProfile([(["a"], 3, 1), (["b"], -3, 5), (["c"], 1, 0)])
        let scaled = profile.scaled(by: [1, 0.5])
        // 3×0.5 = 1.5 → 2, −3×0.5 → −2, 1×0.5 → 1 (0.5 rounds away from zero).
        #expect(values(scaled) == [[1, 2], [5, -2], [0, 1]])
        // Only columns whose ratio is not 1 decide whether a sample is kept.
        let zeroed = profile.scaled(by: [1, 0])
        #expect(zeroed.sampleCount == 0)
        #expect(values(profile.scaled(by: [-1, -1])) == [[-1, -3], [-5, 3], [0, -1]])
    }

    @Test func settingLabelMarksEverySampleOnce() {
        let labelled = makeProfile([(["a"], 10, 1), (["b"], 20, 2)])
            .settingLabel(key: DiffLabel.key, value: "true")
            .settingLabel(key: DiffLabel.key, value: "true")
        for sample in 0..<labelled.sampleCount {
            let labels = labelled.labels(ofSample: sample).map { (labelled.string($0.key), labelled.string($0.str)) }
            #expect(labels.count == 1)
            #expect(labels.first?.0 == DiffLabel.key && labels.first?.1 == "true")
        }
    }

    @Test func subtractCancelsIdenticalSamples() throws {
        let base = makeProfile([(["leak", "main"], 100, 1), (["flat", "main"], 50, 1)])
        let source = makeProfile([(["leak", "main"], 300, 3), (["flat", "main"], 50, 1)])
        let diff = try ProfileDiff.combine(source: source, base: base, mode: .subtract, normalize: false)
        #expect(diff.sampleCount == 1)
        #expect(values(diff) == [[2, 200]])
        // The percentage denominator is the merged profile's Σ|v|.
        #expect(ReportContext.total(of: diff, index: 1) == 200)
    }

    @Test func compareKeepsBaseSamplesApartAndTotalsTheBase() throws {
        let base = makeProfile([(["leak", "main"], 100, 1), (["flat", "main"], 50, 1)])
        let source = makeProfile([(["leak", "main"], 300, 3), (["flat", "main"], 50, 1)])
        let diff = try ProfileDiff.combine(source: source, base: base, mode: .compare, normalize: false)
        #expect(diff.sampleCount == 4)
        #expect(values(diff).map { $0[1] }.reduce(0, +) == 200)
        #expect(ReportContext.total(of: diff, index: 1) == 150)
    }

    @Test func normalizeScalesTheSourceToTheBaseTotal() throws {
        let base = makeProfile([(["a"], 100, 10)])
        let source = makeProfile([(["a"], 150, 20), (["b"], 250, 20)])
        let normalized = source.normalized(to: base)
        // bytes: ×100/400; objects: ×10/40.
        #expect(values(normalized) == [[5, 38], [5, 63]])
        let diff = try ProfileDiff.combine(source: source, base: base, mode: .subtract, normalize: true)
        #expect(values(diff).map { $0[1] }.sorted() == [-62, 63])
    }

    @Test func incompatibleProfilesAreRejected() {
        let heap = makeProfile([(["a"], 1, 1)])
        let other = makeProfile([(["a"], 1, 1)], types: [ValueType(type: "space", unit: "bytes")])
        #expect(throws: ProfileError.incompatible("incompatible sample types [objects/count space/bytes] and [space/bytes]")) {
            try ProfileDiff.combine(source: heap, base: other, mode: .compare, normalize: false)
        }
        var cpu = heap
        cpu.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        #expect(throws: ProfileError.incompatible("incompatible period types cpu/nanoseconds and space/bytes")) {
            try ProfileDiff.combine(source: cpu, base: heap, mode: .subtract, normalize: true)
        }
    }
}

@Suite("GrowthView and GrowthBudget")
struct GrowthViewTests {
    private func view(_ options: ReportOptions = ReportOptions(prune: PruneOptions(nodeFraction: 0))) throws -> GrowthView {
        let base = makeProfile([(["cache", "main"], 100, 1), (["gone", "main"], 40, 1), (["same", "main"], 10, 1)])
        let new = makeProfile([(["cache", "main"], 400, 4), (["fresh", "main"], 30, 1), (["same", "main"], 10, 1)])
        return GrowthView(
            base: try ReportContext(profile: base, options: options),
            new: try ReportContext(profile: new, options: options))
    }

    @Test func rowsAreSortedByDeltaWithStatus() throws {
        let growth = try view()
        #expect(growth.rows.map(\.name) == ["cache", "fresh", "same", "gone"])
        #expect(growth.rows.map { $0.status(.flat) } == [.changed, .new, .changed, .gone])
        #expect(growth.rows.map { $0.delta(.flat) } == [300, 30, 0, -40])
        #expect(growth.rows[0].changePercent(.flat) == 300)
        #expect(growth.baseTotal == 150 && growth.newTotal == 440 && growth.netChange == 290)
        // main holds no flat value on either side: no flat row.
        #expect(!growth.rows.contains { $0.name == "main" })
    }

    @Test func cumRanksByCumulativeValue() throws {
        let growth = try view(ReportOptions(prune: PruneOptions(nodeFraction: 0), order: .cum))
        #expect(Array(growth.rows.map(\.name).prefix(2)) == ["cache", "main"])
        #expect(growth.rows.map { $0.delta(.cum) }.prefix(2) == [300, 290])
    }

    @Test func nodeCountAndFractionCutRows() throws {
        let limited = try view(ReportOptions(prune: PruneOptions(nodeCount: 2, nodeFraction: 0)))
        #expect(limited.rows.map(\.name) == ["cache", "fresh"])
        #expect(limited.keptNodes == 4)
        // 0.2 × 150 = 30: |delta| < 30 is dropped (same: 0).
        let cut = try view(ReportOptions(prune: PruneOptions(nodeFraction: 0.2)))
        #expect(cut.rows.map(\.name) == ["cache", "fresh", "gone"])
        #expect(cut.droppedNodes == 1 && cut.nodeCutoff == 30)
    }

    @Test func budgetsBreachOnlyAboveTheirLimits() throws {
        let growth = try view()
        #expect(GrowthBudget(maxGrowth: .absolute(290)).breaches(of: growth).isEmpty)
        #expect(GrowthBudget(maxGrowth: .absolute(289)).breaches(of: growth).map(\.growth) == [290])
        // 290 / 150 = 193.3%.
        #expect(GrowthBudget(maxGrowth: .percent(194)).breaches(of: growth).isEmpty)
        #expect(GrowthBudget(maxGrowth: .percent(193)).breaches(of: growth).count == 1)
        #expect(GrowthBudget(maxNodeGrowth: .absolute(300)).breaches(of: growth).isEmpty)
        #expect(GrowthBudget(maxNodeGrowth: .absolute(29)).breaches(of: growth).map(\.node) == ["cache", "fresh"])
    }
}

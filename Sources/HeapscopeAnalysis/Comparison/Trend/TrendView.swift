import HeapscopeProfile

/// A series of heap snapshots compared node by node: `heapscope trend`.
public struct TrendView: Sendable {
    public struct Snapshot: Sendable {
        public var file: String
        /// 0 when the profile records no time.
        public var timeNanos: Int64
        public var total: Int64
    }

    /// A file left out of the series because it could not be read or decoded.
    public struct SkippedSnapshot: Sendable, Equatable {
        public var file: String
        public var error: String

        public init(file: String, error: String) {
            self.file = file
            self.error = error
        }
    }

    /// A snapshot left out of the series because its samples equal those of
    /// the snapshot before it (no GC ran in between).
    public struct Duplicate: Sendable, Equatable {
        public var file: String
        public var sameAs: String
    }

    /// The snapshots in time order (argument order when any lacks a time),
    /// duplicates merged, warm-up included.
    public var snapshots: [Snapshot]
    /// True when every snapshot has a time and they are ordered by it.
    public var timed: Bool
    public var sampleType: String
    public var sampleUnit: String
    public var settings: TrendSettings
    public var basis: TrendBasis { settings.basis }
    public var thresholds: TrendThresholds { settings.thresholds }
    /// How many of the first snapshots are shown but not judged.
    public var warmup: Int { settings.warmup }
    /// The mean total of the first snapshots after the warm-up (at most
    /// `settings.baselineSnapshots` of them): what `--max-growth`
    /// percentages are of.
    public var baseline: Int64
    /// How many snapshots the baseline averages.
    public var baselineCount: Int
    /// The smallest change that counts, in sample units.
    public var noiseFloor: Int64
    /// Snapshots merged into the one before them.
    public var duplicates: [Duplicate]
    /// Files left out because they could not be read (set by the reader).
    public var skipped: [SkippedSnapshot] = []
    /// When the total reaches `--limit` (set when a limit is given).
    public var projection: TrendProjection?
    /// The total's series, stats and verdict (name "total").
    public var total: TrendNode
    /// Every node with a non-zero value in some snapshot: growing nodes
    /// first (largest delta × R² first), then by verdict and |delta|.
    public var nodes: [TrendNode]

    /// Compares `snapshots`, given in argument order. Each graph is built once
    /// per snapshot over that snapshot's node table; nodes are matched by name.
    public init(snapshots given: [TrendSnapshot], settings: TrendSettings = TrendSettings()) throws(TrendError) {
        guard given.count >= 2 else { throw .tooFewSnapshots(given.count) }
        try Self.checkKinds(given)
        let (ordered, duplicates) = Self.mergingDuplicates(Self.ordered(given))
        guard ordered.count >= 2 else { throw .tooFewSnapshots(ordered.count) }
        guard ordered.count - settings.warmup >= 2 else {
            throw .warmupTooLong(warmup: settings.warmup, snapshots: ordered.count)
        }
        self.duplicates = duplicates
        self.settings = settings
        timed = ordered.allSatisfy { $0.context.profile.timeNanos != 0 }
        snapshots = ordered.map { Snapshot(file: $0.file, timeNanos: $0.context.profile.timeNanos, total: $0.context.total) }
        let context = ordered[0].context
        sampleType = context.sampleType
        sampleUnit = context.sampleUnit

        let judged = settings.warmup..<snapshots.count
        let totals = snapshots.map(\.total)
        baselineCount = Swift.min(Swift.max(settings.baselineSnapshots, 1), judged.count)
        baseline = totals[judged].prefix(baselineCount).reduce(0, &+) / Int64(baselineCount)
        let maxTotal = totals[judged].max() ?? 0
        noiseFloor = Self.noiseFloor(maxTotal: maxTotal, profile: context.profile, sampleUnit: sampleUnit, thresholds: settings.thresholds)

        // One graph per snapshot; series matched by printable name.
        let series = NodeSeries(contexts: ordered.map(\.context))
        let x = Self.positions(Array(snapshots[judged]))
        let rule = TrendRule(floor: noiseFloor, thresholds: settings.thresholds, unit: sampleUnit)
        let basis = settings.basis
        func node(_ name: String, _ flat: [Int64], _ cum: [Int64]) -> TrendNode {
            let values = basis == .flat ? flat : cum
            let part = Array(values[judged])
            let trend = RobustTrend(part, x: x.hours ?? x.index)
            let stats = TrendStats(part, hours: x.hours, index: x.index, trend: trend)
            let (verdict, reason) = rule.judge(part, x: x.hours ?? x.index, trend: trend)
            return TrendNode(name: name, flat: flat, cum: cum, values: values, stats: stats, verdict: verdict, reason: reason)
        }
        total = node("total", totals, totals)
        var nodes = series.names.indices.map { node(series.names[$0], series.flat[$0], series.cum[$0]) }
        if let last = ordered.last, let lastGraph = series.graphs.last {
            let growing = nodes.filter { $0.verdict == .growing }.map(\.name)
            let explanations = TrendExplainer.explain(growing, context: last.context, graph: lastGraph, basis: basis)
            for i in nodes.indices { nodes[i].explanation = explanations[nodes[i].name] }
        }
        self.nodes = nodes.sorted(by: Self.suspectOrder)
    }

    /// The growing nodes: the leak suspects, in table order.
    public var suspects: [TrendNode] { nodes.filter { $0.verdict == .growing } }

    static func typeName(_ context: ReportContext) -> String {
        context.sampleType + "/" + context.sampleUnit
    }

    /// Every snapshot must be of the first one's kind and sample type; a
    /// delta profile is never a snapshot. Allocs and heap profiles mix when
    /// the chosen column is the same.
    static func checkKinds(_ given: [TrendSnapshot]) throws(TrendError) {
        let first = given[0]
        let firstKind = ProfileKind(first.context.profile)
        let firstType = typeName(first.context)
        for snapshot in given {
            let kind = ProfileKind(snapshot.context.profile)
            let type = typeName(snapshot.context)
            if kind == .heapDelta {
                throw .otherKind(file: snapshot.file, kind: kind, expected: firstKind == .heapDelta ? .heap : firstKind)
            }
            if type != firstType {
                if kind != firstKind { throw .otherKind(file: snapshot.file, kind: kind, expected: firstKind) }
                throw .sampleTypeMismatch(file: snapshot.file, type: type, firstFile: first.file, firstType: firstType)
            }
        }
    }

    /// Time order when every snapshot has a time (ties keep argument
    /// order), else argument order.
    static func ordered(_ snapshots: [TrendSnapshot]) -> [TrendSnapshot] {
        guard snapshots.allSatisfy({ $0.context.profile.timeNanos != 0 }) else { return snapshots }
        return snapshots.enumerated().sorted {
            let (a, b) = ($0.element.context.profile.timeNanos, $1.element.context.profile.timeNanos)
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// Drops each snapshot whose samples (stacks and values) equal those of
    /// the snapshot kept before it.
    static func mergingDuplicates(_ snapshots: [TrendSnapshot]) -> ([TrendSnapshot], [Duplicate]) {
        var kept: [TrendSnapshot] = []
        var duplicates: [Duplicate] = []
        for snapshot in snapshots {
            if let previous = kept.last, sameSamples(previous.context.profile, snapshot.context.profile) {
                duplicates.append(Duplicate(file: snapshot.file, sameAs: previous.file))
            } else {
                kept.append(snapshot)
            }
        }
        return (kept, duplicates)
    }

    /// Empty profiles (everything filtered out) are never merged.
    static func sameSamples(_ a: Profile, _ b: Profile) -> Bool {
        guard a.sampleCount > 0, a.sampleValues == b.sampleValues, a.sampleLocationStarts == b.sampleLocationStarts,
            a.sampleLocations.count == b.sampleLocations.count
        else { return false }
        for (la, lb) in zip(a.sampleLocations, b.sampleLocations) {
            let (locationA, locationB) = (a.locations[Int(la)], b.locations[Int(lb)])
            if locationA.address != locationB.address || a.lines(of: locationA).count != b.lines(of: locationB).count { return false }
        }
        return true
    }

    /// The x positions of the snapshots: hours since the first (nil unless
    /// every snapshot is timed and the times differ) and the index.
    static func positions(_ snapshots: [Snapshot]) -> (hours: [Double]?, index: [Double]) {
        let index = snapshots.indices.map(Double.init)
        guard let start = snapshots.first?.timeNanos, snapshots.allSatisfy({ $0.timeNanos != 0 }),
            snapshots.contains(where: { $0.timeNanos != start })
        else { return (nil, index) }
        return (snapshots.map { Double($0.timeNanos &- start) / 3.6e12 }, index)
    }

    /// max(fraction × largest total, periods × sampling period), the period
    /// only when it is in the column's unit (bytes for Go heap profiles).
    static func noiseFloor(maxTotal: Int64, profile: Profile, sampleUnit: String, thresholds: TrendThresholds) -> Int64 {
        var floor = Measurement.truncate(Double(maxTotal) * thresholds.minGrowthFraction)
        if profile.period > 0, profile.periodType.unit.lowercased() == sampleUnit {
            floor = Swift.max(floor, Measurement.truncate(Double(profile.period) * thresholds.noisePeriods))
        }
        return Swift.max(floor, 0)
    }

    /// The order of verdicts in the node list.
    public static let verdictOrder: [TrendVerdict] = [.growing, .new, .fluctuating, .plateau, .shrinking, .gone, .stable]

    /// Growing first (largest delta × R² first), then by verdict, then by
    /// |delta|, then by name.
    static func suspectOrder(_ a: TrendNode, _ b: TrendNode) -> Bool {
        let rank = verdictOrder
        let (ra, rb) = (rank.firstIndex(of: a.verdict) ?? 0, rank.firstIndex(of: b.verdict) ?? 0)
        if ra != rb { return ra < rb }
        if a.verdict == .growing {
            let (sa, sb) = (Double(a.stats.delta) * a.stats.r2, Double(b.stats.delta) * b.stats.r2)
            if sa != sb { return sa > sb }
        }
        let (da, db) = (magnitude(a.stats.delta), magnitude(b.stats.delta))
        if da != db { return da > db }
        return a.name < b.name
    }
}

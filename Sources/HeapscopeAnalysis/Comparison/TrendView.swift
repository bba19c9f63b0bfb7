import HeapscopeProfile

/// What a node's series did over a series of snapshots.
public enum TrendVerdict: String, Sendable, CaseIterable {
    /// Net growth above the noise floor, no drop larger than the floor, and
    /// a straight line fits (R² at least the minimum). Steps count.
    case growing
    /// The mirror of growing.
    case shrinking
    /// Every value within the noise floor of every other.
    case stable
    /// Moves by more than the noise floor, but neither up nor down steadily.
    case fluctuating
    /// Absent from the first snapshot, present in the last, not growing since.
    case new
    /// Present in the first snapshot, absent from the last.
    case gone
}

/// Which of a node's values the verdict judges.
public enum TrendBasis: String, Sendable, CaseIterable {
    /// Memory allocated by the node itself (allocation sites).
    case flat
    /// Memory allocated by the node and everything it calls.
    case cum
}

/// The tunable thresholds of the verdicts.
public struct TrendThresholds: Sendable, Equatable {
    /// Noise floor as a fraction of the largest snapshot total.
    public var minGrowthFraction: Double
    /// Noise floor in sampling periods (the profile's `period`, Go's
    /// MemProfileRate); applies when the period and the column share a unit.
    public var noisePeriods: Double
    /// The least R² of the least-squares line for growing or shrinking.
    public var minR2: Double

    public init(minGrowthFraction: Double = 0.01, noisePeriods: Double = 2, minR2: Double = 0.5) {
        self.minGrowthFraction = minGrowthFraction
        self.noisePeriods = noisePeriods
        self.minR2 = minR2
    }
}

/// One decoded snapshot ready for the trend: its file and report context.
public struct TrendSnapshot: Sendable {
    public var file: String
    public var context: ReportContext

    public init(file: String, context: ReportContext) {
        self.file = file
        self.context = context
    }
}

/// Why a series of snapshots cannot be compared.
public enum TrendError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewSnapshots(Int)
    /// `file`'s chosen sample type differs from `firstFile`'s.
    case sampleTypeMismatch(file: String, type: String, firstFile: String, firstType: String)

    public var description: String {
        switch self {
        case .tooFewSnapshots(let count):
            return "trend needs at least 2 snapshots, got \(count)"
        case .sampleTypeMismatch(let file, let type, let firstFile, let firstType):
            return "\(file): sample type \(type) does not match \(firstType) of \(firstFile)"
        }
    }
}

/// The statistics of one series.
public struct TrendStats: Sendable, Equatable {
    public var first: Int64
    public var last: Int64
    /// last − first.
    public var delta: Int64
    public var min: Int64
    public var max: Int64
    /// Least-squares slope over time, per hour; nil when the snapshots are
    /// not all timed (or all share one time).
    public var slopePerHour: Double?
    /// Least-squares slope over the snapshot index.
    public var slopePerSnapshot: Double
    /// How many of the `intervals` consecutive pairs went up.
    public var grewIntervals: Int
    public var intervals: Int
    /// R² of the least-squares line (over time when timed, else over the
    /// index); 1 for a constant series.
    public var r2: Double
}

/// How a suspect's memory is made up, from the last snapshot.
public struct TrendExplanation: Sendable {
    /// The largest allocation block sizes (the `bytes` label) and the value
    /// held in blocks of that size, largest first (at most three).
    public var blockSizes: [(size: Int64, value: Int64)]
    /// The value of the matching in-use and allocated columns (inuse_space
    /// and alloc_space, or the objects pair), when the profile has both.
    public var inuse: Int64?
    public var allocated: Int64?
}

/// One node across the snapshots.
public struct TrendNode: Sendable {
    /// The node's printable name (as top prints it, without ` (inline)`).
    public var name: String
    public var flat: [Int64]
    public var cum: [Int64]
    /// The judged series: `flat` or `cum`, as the basis says.
    public var values: [Int64]
    public var stats: TrendStats
    public var verdict: TrendVerdict
    /// Present for growing nodes.
    public var explanation: TrendExplanation?
}

/// A series of heap snapshots compared node by node: `heapscope trend`.
public struct TrendView: Sendable {
    public struct Snapshot: Sendable {
        public var file: String
        /// 0 when the profile records no time.
        public var timeNanos: Int64
        public var total: Int64
    }

    /// The snapshots in time order (argument order when any lacks a time).
    public var snapshots: [Snapshot]
    /// True when every snapshot has a time and they are ordered by it.
    public var timed: Bool
    public var sampleType: String
    public var sampleUnit: String
    public var basis: TrendBasis
    public var thresholds: TrendThresholds
    /// The smallest change that counts, in sample units.
    public var noiseFloor: Int64
    /// The total's series, stats and verdict (name "total").
    public var total: TrendNode
    /// Every node with a non-zero value in some snapshot: growing nodes
    /// first (largest delta × R² first), then by verdict and |delta|.
    public var nodes: [TrendNode]

    /// Compares `snapshots`, given in argument order. Each graph is built once
    /// per snapshot over that snapshot's node table; nodes are matched by name.
    public init(snapshots given: [TrendSnapshot], basis: TrendBasis = .flat, thresholds: TrendThresholds = TrendThresholds()) throws(TrendError) {
        guard given.count >= 2 else { throw .tooFewSnapshots(given.count) }
        let firstType = Self.typeName(given[0].context)
        for snapshot in given.dropFirst() where Self.typeName(snapshot.context) != firstType {
            throw .sampleTypeMismatch(file: snapshot.file, type: Self.typeName(snapshot.context),
                                      firstFile: given[0].file, firstType: firstType)
        }
        let ordered = Self.ordered(given)
        timed = ordered.allSatisfy { $0.context.profile.timeNanos != 0 }
        snapshots = ordered.map { Snapshot(file: $0.file, timeNanos: $0.context.profile.timeNanos, total: $0.context.total) }
        let context = ordered[0].context
        sampleType = context.sampleType
        sampleUnit = context.sampleUnit
        self.basis = basis
        self.thresholds = thresholds

        // One graph per snapshot; series matched by printable name.
        let series = NodeSeries(contexts: ordered.map(\.context))
        let names = series.names, flat = series.flat, cum = series.cum
        let lastGraph = series.graphs.last

        let x = Self.positions(snapshots)
        let maxTotal = snapshots.map(\.total).max() ?? 0
        noiseFloor = Self.noiseFloor(maxTotal: maxTotal, profile: context.profile, sampleUnit: sampleUnit, thresholds: thresholds)
        let floor = noiseFloor
        func node(_ name: String, _ flat: [Int64], _ cum: [Int64]) -> TrendNode {
            let values = basis == .flat ? flat : cum
            let stats = Self.stats(values, hours: x.hours, index: x.index)
            let verdict = Self.verdict(values, x: x.hours ?? x.index, floor: floor, minR2: thresholds.minR2)
            return TrendNode(name: name, flat: flat, cum: cum, values: values, stats: stats, verdict: verdict)
        }
        let totals = snapshots.map(\.total)
        total = node("total", totals, totals)
        var nodes = names.indices.map { node(names[$0], flat[$0], cum[$0]) }
        if let last = ordered.last, let lastGraph {
            let growing = nodes.filter { $0.verdict == .growing }.map(\.name)
            let explanations = Explainer.explain(growing, context: last.context, graph: lastGraph, basis: basis)
            for i in nodes.indices { nodes[i].explanation = explanations[nodes[i].name] }
        }
        self.nodes = nodes.sorted(by: Self.suspectOrder)
    }

    /// The growing nodes: the leak suspects, in table order.
    public var suspects: [TrendNode] { nodes.filter { $0.verdict == .growing } }

    static func typeName(_ context: ReportContext) -> String {
        context.sampleType + "/" + context.sampleUnit
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

    /// The x positions of the snapshots: hours since the first (nil unless
    /// every snapshot is timed and the times differ) and the index.
    static func positions(_ snapshots: [Snapshot]) -> (hours: [Double]?, index: [Double]) {
        let index = snapshots.indices.map(Double.init)
        guard let start = snapshots.first?.timeNanos, snapshots.allSatisfy({ $0.timeNanos != 0 }),
              snapshots.contains(where: { $0.timeNanos != start }) else { return (nil, index) }
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

    /// The statistics of `values` at the given x positions.
    public static func stats(_ values: [Int64], hours: [Double]?, index: [Double]) -> TrendStats {
        let first = values.first ?? 0, last = values.last ?? 0
        let y = values.map(Double.init)
        var grew = 0
        for i in values.indices.dropFirst() where values[i] > values[i - 1] { grew += 1 }
        let byIndex = fit(x: index, y: y)
        let byTime = hours.map { fit(x: $0, y: y) }
        return TrendStats(first: first, last: last, delta: last &- first,
                          min: values.min() ?? 0, max: values.max() ?? 0,
                          slopePerHour: byTime?.slope, slopePerSnapshot: byIndex.slope,
                          grewIntervals: grew, intervals: Swift.max(values.count - 1, 0),
                          r2: (byTime ?? byIndex).r2)
    }

    /// Least squares of y on x: slope and R² (1 when y is constant, 0 when x is).
    static func fit(x: [Double], y: [Double]) -> (slope: Double, r2: Double) {
        let n = Double(x.count)
        guard x.count >= 2 else { return (0, 1) }
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX, dy = y[i] - meanY
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return (0, 0) }
        guard syy > 0 else { return (0, 1) }
        let slope = sxy / sxx
        return (slope, Swift.min(1, (sxy * sxy) / (sxx * syy)))
    }

    /// The verdict for `values` at positions `x`, with changes up to `floor`
    /// counting as noise.
    public static func verdict(_ values: [Int64], x: [Double], floor: Int64, minR2: Double) -> TrendVerdict {
        guard let first = values.first, let last = values.last else { return .stable }
        if first == 0 && last != 0 {
            // Judge the part since the node appeared: a site that appears and
            // keeps climbing is growing, one that appears and holds is new.
            guard let start = values.firstIndex(where: { $0 != 0 }) else { return .new }
            let since = Array(values[start...]), at = Array(x[start...])
            return since.count >= 2 && rising(since, x: at, floor: floor, minR2: minR2) ? .growing : .new
        }
        if first != 0 && last == 0 { return .gone }
        if rising(values, x: x, floor: floor, minR2: minR2) { return .growing }
        if rising(values.map { 0 &- $0 }, x: x, floor: floor, minR2: minR2) { return .shrinking }
        let spread = (values.max() ?? 0) &- (values.min() ?? 0)
        return spread <= floor ? .stable : .fluctuating
    }

    /// Net growth above the floor, no drop larger than the floor (steps are
    /// fine: flat stretches between jumps), and a line fits well enough.
    static func rising(_ values: [Int64], x: [Double], floor: Int64, minR2: Double) -> Bool {
        guard let first = values.first, let last = values.last, last &- first > floor else { return false }
        for i in values.indices.dropFirst() where values[i - 1] &- values[i] > floor { return false }
        return fit(x: x, y: values.map(Double.init)).r2 >= minR2
    }

    /// The order of verdicts in the node list.
    public static let verdictOrder: [TrendVerdict] = [.growing, .new, .fluctuating, .shrinking, .gone, .stable]

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

/// Explains suspects from the last snapshot: block sizes from the `bytes`
/// label and the in-use against allocated columns.
enum Explainer {
    static func explain(_ names: [String], context: ReportContext, graph: CallGraph, basis: TrendBasis) -> [String: TrendExplanation] {
        var nodeByName: [String: Int32] = [:]
        for node in graph.nodes { nodeByName[context.table.printableNames[Int(node)]] = node }
        var slotOf: [Int32: Int] = [:]
        var nodes: [Int32] = []
        for name in names {
            if let node = nodeByName[name], slotOf[node] == nil {
                slotOf[node] = nodes.count
                nodes.append(node)
            }
        }
        let sizes = blockSizes(slotOf: slotOf, slots: nodes.count, context: context, basis: basis)
        let (inuse, alloc) = columnPair(context: context, graph: graph)
        var result: [String: TrendExplanation] = [:]
        for name in names {
            guard let node = nodeByName[name], let slot = slotOf[node] else { continue }
            let top = sizes[slot].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            var explanation = TrendExplanation(blockSizes: top.map { (size: $0.key, value: $0.value) })
            if let inuse, let alloc {
                explanation.inuse = basis == .flat ? inuse.flat[Int(node)] : inuse.cum[Int(node)]
                explanation.allocated = basis == .flat ? alloc.flat[Int(node)] : alloc.cum[Int(node)]
            }
            result[name] = explanation
        }
        return result
    }

    /// The graphs of the in-use and allocated columns that match the chosen
    /// one (inuse_space with alloc_space, inuse_objects with alloc_objects).
    static func columnPair(context: ReportContext, graph: CallGraph) -> (CallGraph?, CallGraph?) {
        let kind = context.sampleType.split(separator: "_", maxSplits: 1)
        guard kind.count == 2, kind[0] == "inuse" || kind[0] == "alloc" else { return (nil, nil) }
        let types = context.profile.sampleTypes.map(\.type)
        func column(_ type: String) -> CallGraph? {
            if type == context.sampleType { return graph }
            guard let index = types.firstIndex(of: type) else { return nil }
            return CallGraph(profile: context.profile, table: context.table, options: GraphBuildOptions(sampleIndex: index))
        }
        return (column("inuse_" + kind[1]), column("alloc_" + kind[1]))
    }

    /// Value by `bytes` label, per slot, in one pass over the samples: a
    /// sample counts for the node it allocates in (flat), or for every node
    /// on its stack once (cum).
    static func blockSizes(slotOf: [Int32: Int], slots: Int, context: ReportContext, basis: TrendBasis) -> [[Int64: Int64]] {
        var bySize = [[Int64: Int64]](repeating: [:], count: slots)
        let profile = context.profile
        guard slots > 0, let key = profile.strings.firstIndex(of: "bytes").map({ Int32($0) }) else { return bySize }
        var seen = [Int](repeating: -1, count: slots)
        for sample in 0..<profile.sampleCount {
            let value = profile.value(ofSample: sample, index: context.sampleIndex)
            guard value != 0,
                  let size = profile.labels(ofSample: sample).first(where: { $0.key == key && !$0.isString })?.num else { continue }
            let stack = profile.stack(ofSample: sample)
            if basis == .flat {
                if let leaf = stack.first, let node = context.table.nodes(ofLocation: Int(leaf)).first, let slot = slotOf[node] {
                    bySize[slot][size, default: 0] &+= value
                }
                continue
            }
            for location in stack {
                for node in context.table.nodes(ofLocation: Int(location)) {
                    if let slot = slotOf[node], seen[slot] != sample {
                        seen[slot] = sample
                        bySize[slot][size, default: 0] &+= value
                    }
                }
            }
        }
        return bySize
    }
}

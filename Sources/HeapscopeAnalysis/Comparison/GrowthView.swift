import HeapscopeProfile

/// One node of the growth table: its flat and cumulative values in the base
/// and the new profile. Nodes are matched by printable name (the function
/// name, plus file and line under finer granularities), never by location
/// id or address, which change between runs of a program.
public struct GrowthRow: Sendable, Equatable {
    public var name: String
    public var baseFlat: Int64 = 0
    public var baseCum: Int64 = 0
    public var newFlat: Int64 = 0
    public var newCum: Int64 = 0

    public init(name: String, baseFlat: Int64 = 0, baseCum: Int64 = 0, newFlat: Int64 = 0, newCum: Int64 = 0) {
        self.name = name
        self.baseFlat = baseFlat
        self.baseCum = baseCum
        self.newFlat = newFlat
        self.newCum = newCum
    }

    /// The base value of the measure (flat, or cum with `.cum`).
    public func base(_ order: NodeOrder) -> Int64 { order == .cum ? baseCum : baseFlat }
    /// The new value of the measure.
    public func new(_ order: NodeOrder) -> Int64 { order == .cum ? newCum : newFlat }
    /// new − base of the measure.
    public func delta(_ order: NodeOrder) -> Int64 { new(order) &- base(order) }

    /// Whether the measure is on one side only.
    public func status(_ order: NodeOrder) -> GrowthStatus {
        if base(order) == 0 { return .new }
        if new(order) == 0 { return .gone }
        return .changed
    }

    /// delta / base × 100, or nil when the base value is 0.
    public func changePercent(_ order: NodeOrder) -> Double? {
        let base = base(order)
        return base == 0 ? nil : Double(delta(order)) / Double(magnitude(base)) * 100
    }
}

/// Whether a node's value is in both profiles or only one.
public enum GrowthStatus: String, Sendable {
    case changed, new, gone
}

/// What grew between two snapshots: totals, net change, and one row per
/// node sorted by delta, largest growth first.
public struct GrowthView: Sendable {
    /// The chosen sample type, e.g. `inuse_space`, and its unit.
    public var sampleType: String
    public var sampleUnit: String
    /// `.flat` or `.cum`: which value the rows show and are ranked by.
    public var order: NodeOrder
    public var baseFacts: ProfileFacts
    public var newFacts: ProfileFacts
    public var baseTotal: Int64
    public var newTotal: Int64
    /// Every node with a non-zero value of the measure on either side, in
    /// display order (before the fraction and node-count cuts).
    public var allRows: [GrowthRow]
    /// The rows shown: those whose |delta| reaches the cutoff, at most
    /// `nodeCount` of them.
    public var rows: [GrowthRow]
    /// Rows whose |delta| fell below `nodeCutoff`.
    public var droppedNodes: Int
    /// |node fraction × base total|.
    public var nodeCutoff: Int64
    /// Rows left after the fraction cut (before the node-count cut).
    public var keptNodes: Int

    public var netChange: Int64 { newTotal &- baseTotal }
    /// Net change in percent of the base total; nil when that is 0.
    public var netChangePercent: Double? {
        baseTotal == 0 ? nil : Double(netChange) / Double(magnitude(baseTotal)) * 100
    }

    /// Builds the table from two compatible profiles. Both sides report the
    /// same column: the sample index is resolved once, on the new profile,
    /// whose default sample type falls back to the base's (as pprof's merge
    /// takes the first non-empty one).
    /// `filter`, when given, applies to both sides.
    public init(base: Profile, new: Profile, options: ReportOptions, filter: ProfileFilter? = nil) throws(AnalysisError) {
        var new = new
        if new.defaultSampleType.isEmpty { new.defaultSampleType = base.defaultSampleType }
        let newContext = try ReportContext(profile: new, options: options, filter: filter)
        var baseOptions = options
        baseOptions.sampleIndex = String(newContext.sampleIndex)
        self.init(base: try ReportContext(profile: base, options: baseOptions, filter: filter), new: newContext)
    }

    /// Builds the table from two contexts over compatible profiles, made
    /// with the same options and sample column.
    public init(base: ReportContext, new: ReportContext) {
        order = base.options.order
        sampleType = new.sampleType
        sampleUnit = new.sampleUnit
        baseFacts = base.profileFacts
        newFacts = new.profileFacts
        baseTotal = base.total
        newTotal = new.total

        let series = NodeSeries(contexts: [base, new])
        let rows = series.names.indices.map { row in
            GrowthRow(
                name: series.names[row], baseFlat: series.flat[row][0], baseCum: series.cum[row][0],
                newFlat: series.flat[row][1], newCum: series.cum[row][1])
        }

        let order = self.order
        allRows =
            rows
            .filter { $0.base(order) != 0 || $0.new(order) != 0 }
            .sorted { a, b in
                let (da, db) = (a.delta(order), b.delta(order))
                return da != db ? da > db : a.name < b.name
            }
        nodeCutoff = magnitude(Measurement.truncate(Double(baseTotal) * base.options.prune.nodeFraction))
        let cutoff = nodeCutoff
        let kept = allRows.filter { magnitude($0.delta(order)) >= cutoff }
        droppedNodes = allRows.count - kept.count
        keptNodes = kept.count
        let nodeCount = base.options.prune.nodeCount
        self.rows = nodeCount > 0 ? Array(kept.prefix(nodeCount)) : kept
    }
}

/// Growth budgets for `heapscope diff`: a limit on the net growth of the
/// total, and one on the flat growth of any single node. Percentages are
/// of the base total.
public struct GrowthBudget: Sendable {
    public var maxGrowth: SizeLimit?
    public var maxNodeGrowth: SizeLimit?

    public init(maxGrowth: SizeLimit? = nil, maxNodeGrowth: SizeLimit? = nil) {
        self.maxGrowth = maxGrowth
        self.maxNodeGrowth = maxNodeGrowth
    }

    /// Every limit `view` exceeds: the total first, then nodes by flat
    /// growth, largest first. Growth equal to a limit is within it.
    public func breaches(of view: GrowthView) -> [GrowthBreach] {
        var breaches: [GrowthBreach] = []
        if let maxGrowth {
            let limit = maxGrowth.resolved(total: view.baseTotal)
            if view.netChange > limit {
                breaches.append(GrowthBreach(node: nil, growth: view.netChange, limit: limit, spec: maxGrowth))
            }
        }
        if let maxNodeGrowth {
            let limit = maxNodeGrowth.resolved(total: view.baseTotal)
            let over = view.allRows
                .map { (name: $0.name, growth: $0.delta(.flat)) }
                .filter { $0.growth > limit }
                .sorted { $0.growth != $1.growth ? $0.growth > $1.growth : $0.name < $1.name }
            breaches += over.map { GrowthBreach(node: $0.name, growth: $0.growth, limit: limit, spec: maxNodeGrowth) }
        }
        return breaches
    }
}

/// One exceeded limit.
public struct GrowthBreach: Sendable, Equatable {
    /// The node whose flat growth is over `--max-node-growth`; nil for the
    /// total's net growth.
    public var node: String?
    public var growth: Int64
    /// The limit in base units.
    public var limit: Int64
    /// The limit as given.
    public var spec: SizeLimit
}

import HeapscopeProfile

/// A profile prepared for reporting: the chosen column, its total, and the
/// node table. Build it once and derive every view from it.
public struct ReportContext: Sendable {
    public let profile: Profile
    public let options: ReportOptions
    public let sampleIndex: Int
    /// The chosen sample type, e.g. `inuse_space`.
    public let sampleType: String
    /// The chosen sample type's unit, lower-cased as pprof does.
    public let sampleUnit: String
    /// The percentage denominator: Σ|value| over all samples, or over the
    /// diff base's samples when the profile carries one.
    public let total: Int64
    /// `total` for every sample column, in the profile's column order.
    public let totals: [Int64]
    public let table: NodeTable
    /// Filter descriptions for the "Active filters" legend.
    public var activeFilters: [String] = []
    /// What the filter warns about (`Focus expression matched no samples`).
    public var filterWarnings: [String] = []

    /// With a filter, `profile` is the filtered profile and `total` is taken
    /// before filtering (pprof's `computeTotal` runs before `applyFocus`),
    /// or after it with `relativePercentages`.
    public init(profile: Profile, options: ReportOptions, filter: ProfileFilter? = nil) throws(AnalysisError) {
        self.options = options
        sampleIndex = try SampleSelection.index(in: profile, spec: options.sampleIndex)
        sampleType = profile.sampleType(sampleIndex).type
        sampleUnit = profile.sampleType(sampleIndex).unit.lowercased()
        var filtered = profile
        if let filter, filter.isActive {
            let result = filter.apply(to: profile)
            filtered = result.profile
            activeFilters = filter.activeFilters
            filterWarnings = result.warnings
        }
        let relative = filter?.options.relativePercentages ?? false
        totals = Self.totals(of: relative ? filtered : profile)
        total = totals[sampleIndex]
        self.profile = filtered
        table = NodeTable(profile: filtered, options: options.nodes)
    }

    /// pprof's `computeTotal` for column `index`.
    public static func total(of profile: Profile, index: Int) -> Int64 {
        totals(of: profile)[index]
    }

    /// pprof's `computeTotal` for every column, in one pass: Σ|value|, or
    /// Σ|value| over the diff base's samples when there are any.
    public static func totals(of profile: Profile) -> [Int64] {
        let baseKey = profile.strings.firstIndex(of: DiffLabel.key).map { Int32($0) }
        let typeCount = profile.sampleTypes.count
        var totals = [Int64](repeating: 0, count: typeCount)
        // Only a profile with a diff base needs the base's own sums.
        var baseTotals = baseKey == nil ? [] : totals
        for sample in 0..<profile.sampleCount {
            let isBase = isBaseSample(sample, of: profile, baseKey: baseKey)
            for column in 0..<typeCount {
                let value = magnitude(profile.sampleValues[sample &* typeCount &+ column])
                totals[column] &+= value
                if isBase { baseTotals[column] &+= value }
            }
        }
        for column in baseTotals.indices where baseTotals[column] > 0 { totals[column] = baseTotals[column] }
        return totals
    }

    /// True for a sample of a `--diff-base` base profile (labelled `pprof::base`).
    public static func isBaseSample(_ sample: Int, of profile: Profile, baseKey: Int32?) -> Bool {
        guard let baseKey else { return false }
        return profile.labels(ofSample: sample).contains { $0.key == baseKey && $0.str != 0 }
    }

    /// The graph options for this context's column.
    public var buildOptions: GraphBuildOptions {
        GraphBuildOptions(sampleIndex: sampleIndex, dropNegative: options.dropNegative)
    }

    /// Builds the pruned, sorted graph for a report; `collectTags` adds the
    /// nodes' tags (DOT nodelets), named in the report's output unit.
    public func trimmedGraph(order: NodeOrder? = nil, collectTags: Bool = false) -> TrimmedGraph {
        var build = buildOptions
        if collectTags { build.tagUnit = options.outputUnit }
        return TrimmedGraph(profile: profile, table: table, build: build, prune: options.prune, order: order ?? options.order)
    }

    /// pprof's `selectOutputUnit`: with "minimum", one unit for the whole
    /// report, small enough that the smallest value prints as at least 0.01.
    public func outputUnit(for graph: CallGraph) -> String {
        guard options.outputUnit == "minimum", !graph.nodes.isEmpty else { return options.outputUnit }
        var minValue: Int64 = 0
        for node in graph.nodes {
            var nodeMin = magnitude(graph.flat[Int(node)])
            if nodeMin == 0 { nodeMin = magnitude(graph.cum[Int(node)]) }
            if nodeMin > 0 && (minValue == 0 || nodeMin < minValue) { minValue = nodeMin }
        }
        let maxValue = total
        if minValue == 0 { minValue = maxValue }
        let minUnit = Measurement.scale(minValue, from: sampleUnit, to: "minimum").unit
        let maxUnit = Measurement.scale(maxValue, from: sampleUnit, to: "minimum").unit
        var unit = minUnit
        if minUnit != maxUnit && minValue &* 100 < maxValue {
            unit = Measurement.scale(100 &* minValue, from: sampleUnit, to: "minimum").unit
        }
        return unit.isEmpty ? sampleUnit : unit
    }

    /// The profile-level facts every report's legend starts with.
    public var profileFacts: ProfileFacts {
        var facts = ProfileFacts()
        if let main = profile.mainMapping {
            let file = profile.file(of: main)
            let buildID = profile.buildID(of: main)
            facts.file = file.isEmpty ? nil : PathUtilities.base(file)
            facts.buildID = buildID.isEmpty ? nil : buildID
        }
        facts.comments = LegendComments(of: profile)
        facts.sampleType = sampleType
        facts.timeNanos = profile.timeNanos
        facts.durationNanos = profile.durationNanos
        return facts
    }
}

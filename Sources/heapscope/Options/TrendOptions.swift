import ArgumentParser
import HeapscopeAnalysis

/// Every option of `heapscope trend` that shapes the verdicts, the gates and
/// how the series is read and shown. Commands that judge a series of
/// snapshots (`trend`, `watch`) take this group and get their analysis
/// settings and gates from it.
struct TrendOptions: ParsableArguments {
    @Option(
        name: .customLong("warmup"),
        help: ArgumentHelp("The first N snapshots (in time order) are shown but do not count for verdicts or gates.", valueName: "N"))
    var warmup: Int = 0

    @Flag(name: .customLong("fail-on-growth"), help: "Exit with status 3 when any node is growing.")
    var failOnGrowth = false

    @Option(
        name: .customLong("max-growth"),
        help: ArgumentHelp(
            "Exit with status 3 when the last total exceeds the baseline (the mean of the first 3 judged snapshots) by more than this: 50MB, 25% of the baseline, or a plain number in the column's unit.",
            valueName: "limit"))
    var maxGrowth: String?

    @Option(
        name: .customLong("max-growth-rate"),
        help: ArgumentHelp(
            "Exit with status 3 when the total grows faster than this (Sen's slope): 50%/day, 100MB/h, 5000/min.", valueName: "rate"))
    var maxGrowthRate: String?

    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp(
            "A memory limit (container, GOMEMLIMIT): say when the total and each suspect reach it at the current rate; exit with status 3 when the total already has.",
            valueName: "size"))
    var limit: String?

    @Option(
        name: .customLong("limit-within"),
        help: ArgumentHelp(
            "With --limit: exit with status 3 when, at the current rate (Sen's slope), the total reaches the limit sooner than this: 6h, 30min, 2d.",
            valueName: "duration"))
    var limitWithin: String?

    @Option(
        name: .customLong("min-growth-fraction"),
        help: "Noise floor as a fraction of the largest snapshot total.")
    var minGrowthFraction: Double = TrendThresholds().minGrowthFraction

    @Option(
        name: .customLong("noise-periods"),
        help: "Noise floor in sampling periods (the profile's period, Go's MemProfileRate); the floor is the larger of the two.")
    var noisePeriods: Double = TrendThresholds().noisePeriods

    @Option(
        name: .customLong("min-r2"),
        help: "The least R² of the straight-line fit for a climb with small drops (0 to 1).")
    var minR2: Double = TrendThresholds().minR2

    @Option(
        name: .customLong("min-confidence"),
        help: "The least Mann–Kendall confidence for a noisy climb judged as a whole (0.5 to 1).")
    var minConfidence: Double = TrendThresholds().minConfidence

    @Flag(name: .customLong("strict"), help: "A snapshot that cannot be read is an error instead of a warning.")
    var strict = false

    @Flag(name: .customLong("all-snapshots"), help: "List every snapshot in the total section, not only the first, min, max and last.")
    var allSnapshots = false

    /// Every value here can be checked before a profile is read, so a bad
    /// one is a usage error (status 64), as README's rule says.
    func validate() throws {
        if warmup < 0 { throw ValidationError("--warmup must not be negative") }
        _ = try settings(basis: .flat)
        _ = try gates()
    }

    /// The analysis settings; a bad threshold is a usage error.
    func settings(basis: TrendBasis) throws -> TrendSettings {
        guard minGrowthFraction.isFinite, minGrowthFraction >= 0, minGrowthFraction <= 1 else {
            throw ValidationError("--min-growth-fraction must be between 0 and 1")
        }
        guard noisePeriods.isFinite, noisePeriods >= 0 else { throw ValidationError("--noise-periods must not be negative") }
        guard minR2.isFinite, minR2 >= 0, minR2 <= 1 else { throw ValidationError("--min-r2 must be between 0 and 1") }
        guard minConfidence.isFinite, minConfidence >= 0.5, minConfidence < 1 else {
            throw ValidationError("--min-confidence must be at least 0.5 and below 1")
        }
        let thresholds = TrendThresholds(
            minGrowthFraction: minGrowthFraction, noisePeriods: noisePeriods,
            minR2: minR2, minConfidence: minConfidence)
        return TrendSettings(basis: basis, thresholds: thresholds, warmup: warmup)
    }

    /// The gates as written; a value that does not parse is a usage error
    /// (units are checked against the column later, an error with status 1).
    func gates() throws -> TrendGates {
        var gates = TrendGates(failOnGrowth: failOnGrowth)
        if let maxGrowth {
            guard let amount = TrendAmount(maxGrowth) else {
                throw ValidationError("--max-growth must be a size, count or percentage such as 10MB or 25%, not '\(maxGrowth)'")
            }
            gates.maxGrowth = amount
        }
        if let maxGrowthRate {
            guard let rate = TrendRate(maxGrowthRate) else {
                throw ValidationError("--max-growth-rate must be an amount per time such as 50%/day or 100MB/h, not '\(maxGrowthRate)'")
            }
            gates.maxGrowthRate = rate
        }
        if let limit {
            guard let amount = TrendAmount(limit), amount.kind != .percent else {
                throw ValidationError("--limit must be a size or count such as 2GiB, not '\(limit)'")
            }
            gates.limit = amount
        }
        if let limitWithin {
            guard let hours = TrendRate.hours(limitWithin) else {
                throw ValidationError("--limit-within must be a duration such as 6h, 30min or 2d, not '\(limitWithin)'")
            }
            guard limit != nil else { throw ValidationError("--limit-within needs --limit") }
            gates.limitWithinHours = hours
        }
        return gates
    }
}

import HeapscopeProfile

/// What every report's header says, and how its values print: the profile
/// facts, the active filters, the percentage denominator and the units.
public struct ReportHeader: Sendable {
    public var profile: ProfileFacts
    public var activeFilters: [String]
    /// The percentage denominator.
    public var total: Int64
    /// Unit of the raw values, and the unit values print in.
    public var sampleUnit: String
    public var outputUnit: String

    public init(context: ReportContext, outputUnit: String) {
        profile = context.profileFacts
        activeFilters = context.activeFilters
        total = context.total
        sampleUnit = context.sampleUnit
        self.outputUnit = outputUnit
    }
}

/// The label that marks the samples of a `--diff-base` profile.
public enum DiffLabel {
    public static let key = "pprof::base"
}

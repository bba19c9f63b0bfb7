import HeapscopeAnalysis
import HeapscopeProfile

/// How `watch` judges each target's series: the same report options,
/// filter, trend settings and gates as `heapscope trend`, over at most the
/// newest `window` snapshots.
package struct WatchAnalysis {
    package var options: ReportOptions
    package var filter: ProfileFilter?
    package var settings: TrendSettings
    package var gates: TrendGates
    /// The most snapshots kept in memory and judged (the newest).
    package var window: Int

    package init(options: ReportOptions, filter: ProfileFilter?, settings: TrendSettings, gates: TrendGates, window: Int = 100) {
        self.options = options
        self.filter = filter
        self.settings = settings
        self.gates = gates
        self.window = window
    }

    /// The report context of one snapshot.
    package func context(of profile: Profile) throws -> ReportContext {
        try ReportContext(profile: profile, options: options, filter: filter)
    }

    /// The trend of `snapshots`, or nil while there are too few to judge.
    package func view(of snapshots: [TrendSnapshot]) throws -> TrendView? {
        guard snapshots.count >= settings.warmup + 2 else { return nil }
        do {
            var view = try TrendView(snapshots: snapshots, settings: settings)
            view.projection = try TrendProjection(view, limit: gates.limit)
            return view
        } catch TrendError.tooFewSnapshots {
            return nil  // identical captures merged into too few
        } catch TrendError.warmupTooLong {
            return nil
        }
    }

    /// The gate's breaches of `view`.
    package func breaches(of view: TrendView) throws -> [TrendBreach] {
        try TrendGate.breaches(view, gates: gates)
    }
}

import ArgumentParser
import Foundation
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Find leaks across a series of heap snapshots: which sites keep growing.",
        discussion: """
        Reads every snapshot once, orders them by their recorded time (argument \
        order when a snapshot has none), matches nodes by name and judges each \
        node's series: growing, shrinking, stable, fluctuating, new or gone. \
        Growing nodes are the leak suspects, listed first with a sparkline. \
        A directory argument stands for the .pb.gz and .pb files in it. \
        See docs/trend.md for the verdict rules.

        Exit status: 0 success, 1 error, 3 gate breached (--fail-on-growth, \
        --max-growth), one stderr line per breach.

        Examples:
          heapscope trend snapshots/
          heapscope trend heap-*.pb.gz
          heapscope trend --cum --sample-index inuse_objects snapshots/
          heapscope trend --format json snapshots/ | jq '.nodes[] | select(.verdict == "growing") | .name'
          heapscope trend --fail-on-growth --max-growth 50MB snapshots/
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var report: ReportFlags
    @OptionGroup(title: "Filters") var filters: FilterFlags

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    @Flag(name: .customLong("fail-on-growth"), help: "Exit with status 3 when any node is growing.")
    var failOnGrowth = false

    @Option(name: .customLong("max-growth"),
            help: "Exit with status 3 when the total grows by more than this from the first to the last snapshot (10MB, 25% of the first total).")
    var maxGrowth: String?

    @Option(name: .customLong("min-growth-fraction"),
            help: "Noise floor as a fraction of the largest snapshot total.")
    var minGrowthFraction: Double = TrendThresholds().minGrowthFraction

    @Option(name: .customLong("noise-periods"),
            help: "Noise floor in sampling periods (the profile's period, Go's MemProfileRate); the floor is the larger of the two.")
    var noisePeriods: Double = TrendThresholds().noisePeriods

    @Option(name: .customLong("min-r2"),
            help: "The least R² of the straight-line fit for growing or shrinking (0 to 1).")
    var minR2: Double = TrendThresholds().minR2

    /// Rows of the "Other changes" table unless --nodecount says otherwise.
    static let defaultOtherRows = 20

    @Argument(help: "Snapshot files (.pb.gz), or directories of them.")
    var snapshots: [String]

    func validate() throws {
        if snapshots.isEmpty { throw ValidationError("give at least two snapshots, or a directory of them") }
        _ = try thresholds()
        if let maxGrowth, SizeLimit(maxGrowth) == nil {
            throw ValidationError("--max-growth must be a size, count or percentage such as 10MB or 25%, not '\(maxGrowth)'")
        }
    }

    func run() throws {
        let thresholds = try self.thresholds()
        var limit: SizeLimit?
        if let maxGrowth {
            guard let parsed = SizeLimit(maxGrowth) else {
                throw ValidationError("--max-growth must be a size, count or percentage such as 10MB or 25%, not '\(maxGrowth)'")
            }
            limit = parsed
        }
        let decode = try profileOptions.decodeOptions()
        let options = report.reportOptions(sampleIndex: profileOptions.selectedSampleIndex(), defaultNodeCount: 0)
        let filter = try filters.makeFilter()
        var warnings: [String] = []
        var loaded: [TrendSnapshot] = []
        for file in try Self.expand(snapshots) {
            let profile = try loadProfiles([file], options: decode)
            do {
                let context = try ReportContext(profile: profile, options: options, filter: filter)
                // A filter's warning is said once, not once per snapshot.
                warnings += context.filterWarnings.filter { !warnings.contains($0) }
                loaded.append(TrendSnapshot(file: file, context: context))
            } catch {
                throw CLIError("\(file): \(error)")
            }
        }
        warnings.forEach(printError)
        let view = try failing { try TrendView(snapshots: loaded, basis: report.cum ? .cum : .flat, thresholds: thresholds) }
        switch format {
        case .text:
            let color = Terminal.standardOutputWantsColor
            try writeOutput(TrendRenderer.text(view, unit: report.unit, color: color,
                                               maxOtherRows: report.nodeCount ?? Self.defaultOtherRows), escaping: !color)
        case .json: try writeOutput(TrendRenderer.json(view).rendered(), escaping: false)
        }
        let breaches = TrendGate.breaches(view, failOnGrowth: failOnGrowth, maxGrowth: limit)
        if !breaches.isEmpty {
            TrendRenderer.breachLines(breaches, view: view, unit: report.unit).forEach(printError)
            throw ExitCode(3)
        }
    }

    func thresholds() throws -> TrendThresholds {
        guard minGrowthFraction.isFinite, minGrowthFraction >= 0, minGrowthFraction <= 1 else {
            throw ValidationError("--min-growth-fraction must be between 0 and 1")
        }
        guard noisePeriods.isFinite, noisePeriods >= 0 else { throw ValidationError("--noise-periods must not be negative") }
        guard minR2.isFinite, minR2 >= 0, minR2 <= 1 else { throw ValidationError("--min-r2 must be between 0 and 1") }
        return TrendThresholds(minGrowthFraction: minGrowthFraction, noisePeriods: noisePeriods, minR2: minR2)
    }

    /// Files as given; a directory stands for its .pb.gz and .pb files,
    /// sorted by name.
    static func expand(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(argument)
                continue
            }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: argument)
            } catch {
                throw CLIError("\(argument): cannot read the directory")
            }
            let snapshots = entries.filter { $0.hasSuffix(".pb.gz") || $0.hasSuffix(".pb") }.sorted()
            if snapshots.isEmpty { throw CLIError("\(argument): no .pb.gz or .pb files in the directory") }
            let directory = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            files += snapshots.map { directory + "/" + $0 }
        }
        return files
    }

}

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
            node's series: growing, plateau, shrinking, stable, fluctuating, new or gone. \
            Growing nodes are the leak suspects, listed first with a sparkline. \
            A directory argument stands for the .pb.gz and .pb files in it. \
            See docs/trend.md for the verdict rules.

            A snapshot that cannot be read is skipped with a warning (--strict: an \
            error); snapshots identical to the one before are merged.

            Exit status: 0 success, 1 error, 3 gate breached (--fail-on-growth, \
            --max-growth, --max-growth-rate, --limit), one stderr line per breach.

            Examples:
              heapscope trend snapshots/
              heapscope trend heap-*.pb.gz
              heapscope trend --warmup 5 snapshots/
              heapscope trend --cum --sample-index inuse_objects snapshots/
              heapscope trend --format json snapshots/ | jq '.nodes[] | select(.verdict == "growing") | .name'
              heapscope trend --fail-on-growth --max-growth 50MB snapshots/
              heapscope trend --warmup 3 --max-growth 25% --max-growth-rate 100MB/h snapshots/
              heapscope trend --limit 2GiB snapshots/
              heapscope trend --format html snapshots/ > leak.html   (one page to share)
            """)

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var report: ReportFlags
    @OptionGroup(title: "Filters") var filters: FilterFlags
    @OptionGroup(title: "Trend") var trend: TrendOptions

    @Option(name: .customLong("format"), help: "Output format: text, json, or html (one self-contained page with charts).")
    var format: TrendFormat = .text

    /// Rows of the "Other changes" table unless --nodecount says otherwise.
    static let defaultOtherRows = 20

    @Argument(help: "Snapshot files (.pb.gz), directories of them, or http(s) URLs.")
    var snapshots: [String]

    func validate() throws {
        if snapshots.isEmpty { throw ValidationError("give at least two snapshots, or a directory of them") }
    }

    func run() throws {
        let settings = try trend.settings(basis: report.cum ? .cum : .flat)
        let gates = try trend.gates()
        let loader = SnapshotLoader(
            load: try profileOptions.loadOptions(markTruncation: true),
            options: report.reportOptions(sampleIndex: profileOptions.selectedSampleIndex(), defaultNodeCount: 0),
            filter: try filters.makeFilter())
        let loaded = try loader.load(try Self.expand(snapshots), strict: trend.strict)
        for skipped in loaded.skipped {
            printError("heapscope: warning: \(skipped.file): skipped: \(skipped.error)")
        }
        loaded.warnings.forEach(printError)
        var view = try failing { try TrendView(snapshots: loaded.snapshots, settings: settings) }
        view.skipped = loaded.skipped
        view.projection = try failing { try TrendProjection(view, limit: gates.limit) }
        if let hint = TrendRenderer.duplicateHint(view) { printError(hint) }
        let breaches = try failing { try TrendGate.breaches(view, gates: gates) }
        switch format {
        case .text:
            let color = Terminal.standardOutputWantsColor
            try streamOutput(escaping: !color) {
                TrendRenderer.write(
                    view, unit: report.unit, color: color,
                    maxOtherRows: report.nodeCount ?? Self.defaultOtherRows, allSnapshots: trend.allSnapshots, to: &$0)
            }
        case .json: try streamOutput(escaping: false) { TrendJSONRenderer.json(view).write(to: &$0) }
        case .html:
            try streamOutput(escaping: false) {
                TrendHTMLRenderer.write(view, unit: report.unit, title: snapshots.joined(separator: " "), to: &$0)
            }
        }
        if !breaches.isEmpty {
            TrendRenderer.breachLines(breaches, view: view, unit: report.unit).forEach(printError)
            throw ExitCode(3)
        }
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

/// What `trend` writes.
enum TrendFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport

/// Options that choose what to read and which sample column to report:
/// the decode flags and the sample-index flags.
struct ProfileOptions: ParsableArguments {
    @OptionGroup var sampleIndex: SampleIndexFlags

    /// The sample index the flags select (see `SampleIndexFlags`).
    func selectedSampleIndex() -> String? { sampleIndex.selected() }

    @OptionGroup var source: SourceOptions

    /// The decode options the flags set; `markTruncation` is the truncation
    /// marker's default for the command.
    func decodeOptions(markTruncation: Bool = false) throws -> DecodeOptions {
        try source.decodeOptions(markTruncation: markTruncation)
    }

    /// How to read each profile argument, file, `-` or URL.
    func loadOptions(markTruncation: Bool = false) throws -> LoadOptions {
        try source.loadOptions(markTruncation: markTruncation)
    }
}

/// Options that shape graph-based reports.
struct ReportFlags: ParsableArguments {
    @Flag(name: .customLong("cum"), help: "Sort by cumulative value instead of flat.")
    var cum = false

    @Option(name: .customLong("nodecount"), help: "Show at most this many nodes (0: no limit).")
    var nodeCount: Int?

    @Option(name: .customLong("node-fraction"), help: "Hide nodes below this fraction of the total.")
    var nodeFraction: Double = 0.005

    @Option(name: .customLong("edge-fraction"), help: "Hide edges below this fraction of the total.")
    var edgeFraction: Double = 0.001

    @Option(name: .customLong("unit"), help: "Unit for values: minimum (one unit for all rows), auto, or B, kB, MB, GB, …")
    var unit: String = "minimum"

    @Option(name: .customLong("granularity"), help: "Node granularity: functions, filefunctions, files, lines or addresses.")
    var granularity: Granularity = .functions

    @Flag(name: .customLong("no-inlines"), help: "Fold inlined frames into their caller.")
    var noInlines = false

    func validate() throws {
        if let nodeCount, nodeCount < 0 { throw ValidationError("--nodecount must not be negative") }
        guard nodeFraction.isFinite, nodeFraction >= 0, nodeFraction <= 1 else {
            throw ValidationError("--node-fraction must be between 0 and 1")
        }
        guard edgeFraction.isFinite, edgeFraction >= 0, edgeFraction <= 1 else {
            throw ValidationError("--edge-fraction must be between 0 and 1")
        }
    }

    func reportOptions(sampleIndex: String?, defaultNodeCount: Int) -> ReportOptions {
        ReportOptions(
            sampleIndex: sampleIndex,
            nodes: NodeOptions(granularity: granularity, inlines: !noInlines),
            prune: PruneOptions(nodeCount: nodeCount ?? defaultNodeCount, nodeFraction: nodeFraction, edgeFraction: edgeFraction),
            order: cum ? .cum : .flat,
            outputUnit: unit)
    }
}

extension Granularity: ExpressibleByArgument {}

/// Output formats of the text views.
enum TextFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Writes the view in this format to standard output (text with
    /// control characters escaped).
    func write(_ text: @autoclosure () -> String, json: @autoclosure () -> JSONValue) throws {
        try stream(text: { $0.write(text()) }, json: json())
    }

    /// Writes the view as `text` writes it, or its JSON, to standard output
    /// as it is produced: memory does not grow with the output.
    func stream(text: (inout TextSink) -> Void, json: @autoclosure () -> JSONValue) throws {
        try streamOutput(escaping: self == .text) { out in
            switch self {
            case .text: text(&out)
            case .json: json().write(to: &out)
            }
        }
    }
}

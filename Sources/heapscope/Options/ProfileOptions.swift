import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport
import HeapscopeProfile

/// Options that choose what to read and which sample column to report.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("sample-index"),
            help: "Sample type to report: a name (inuse_space, alloc_objects, …) or a 0-based number. Default: the profile's default type, else the last.")
    var sampleIndex: String?

    @Flag(name: .customLong("inuse-space"), help: "Same as --sample-index inuse_space.")
    var inuseSpace = false
    @Flag(name: .customLong("inuse-objects"), help: "Same as --sample-index inuse_objects.")
    var inuseObjects = false
    @Flag(name: .customLong("alloc-space"), help: "Same as --sample-index alloc_space.")
    var allocSpace = false
    @Flag(name: .customLong("alloc-objects"), help: "Same as --sample-index alloc_objects.")
    var allocObjects = false

    @OptionGroup var source: SourceOptions

    /// The sample index the options select; warns, as pprof does, when
    /// several are given.
    func selectedSampleIndex() -> String? {
        var choices: [String] = []
        if let sampleIndex { choices.append(sampleIndex) }
        if inuseSpace { choices.append("inuse_space") }
        if inuseObjects { choices.append("inuse_objects") }
        if allocSpace { choices.append("alloc_space") }
        if allocObjects { choices.append("alloc_objects") }
        for ignored in choices.dropFirst() {
            printError("Multiple value selections, ignoring \(ignored)")
        }
        return choices.first
    }

    /// The decoding limits.
    func decodeOptions() throws -> DecodeOptions { try source.decodeOptions() }

    /// How to read each profile argument, file or URL.
    func loadOptions() throws -> LoadOptions { try source.loadOptions() }
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

    /// Writes the view in this format to standard output.
    func write(_ text: @autoclosure () -> String, json: @autoclosure () -> JSONValue) {
        switch self {
        case .text: writeOutput(text())
        case .json: writeOutput(json().rendered())
        }
    }
}

import Foundation
import HeapscopeAnalysis

/// Renders `heapscope info`.
public enum InfoRenderer {
    /// Writes the text report to `out` line by line.
    public static func write<Target: TextOutputStream>(_ view: InfoView, to out: inout Target) {
        func line(_ text: String) {
            out.write(text)
            out.write("\n")
        }
        line("Binary:       " + (view.binary ?? "(unknown)"))
        if let buildID = view.buildID { line("Build ID:     " + buildID) }
        line("Time:         " + (view.timeNanos == 0 ? "(not recorded)" : JSONValue.isoTime(view.timeNanos)))
        if view.durationNanos != 0 {
            line("Duration:     " + Measurement.label(view.durationNanos, unit: "nanoseconds"))
        }
        let period =
            view.periodType.type.isEmpty
            ? "\(view.period)"
            : "\(Measurement.label(view.period, unit: view.periodType.unit)) of \(view.periodType.type)"
        line("Period:       " + period)
        line("Samples:      \(view.sampleCount)")
        line("Truncated:    \(view.truncatedSamples) stacks cut at the runtime's depth limit (\(view.stackDepthLimit) frames)")
        line("Locations:    \(view.locationCount)")
        line("Functions:    \(view.functionCount)")
        line("Mappings:     \(view.mappingCount)")
        line("Sample types:")
        for type in view.sampleTypes {
            let name = type.type + (type.isDefault ? " (default)" : "")
            let total = Measurement.label(type.total, unit: type.unit)
            line(
                "  \(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(type.unit.padding(toLength: 8, withPad: " ", startingAt: 0)) total \(total)"
            )
        }
        if !view.keyStats.isEmpty {
            line("runtime.MemStats:")
            for stat in view.keyStats {
                let shown = stat.unit == "bytes" ? "\(Measurement.label(stat.value, unit: "bytes")) (\(stat.value))" : "\(stat.value)"
                line("  \(stat.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(shown)")
            }
        }
        if let doc = view.docURL { line("Doc:          " + doc) }
        if !view.comments.isEmpty {
            line("Comments:")
            for comment in view.comments {
                out.write("  ")
                line(comment)
            }
        }
    }

    public static func json(_ view: InfoView) -> JSONValue {
        .object([
            ("binary", view.binary.map(JSONValue.string) ?? .null),
            ("build_id", view.buildID.map(JSONValue.string) ?? .null),
            ("time", view.timeNanos == 0 ? .null : .string(JSONValue.isoTime(view.timeNanos))),
            ("time_nanos", .int(view.timeNanos)),
            ("duration_nanos", .int(view.durationNanos)),
            ("period_type", .object([("type", .string(view.periodType.type)), ("unit", .string(view.periodType.unit))])),
            ("period", .int(view.period)),
            ("samples", .int(Int64(view.sampleCount))),
            ("truncated_samples", .int(Int64(view.truncatedSamples))),
            ("stack_depth_limit", .int(Int64(view.stackDepthLimit))),
            ("locations", .int(Int64(view.locationCount))),
            ("functions", .int(Int64(view.functionCount))),
            ("mappings", .int(Int64(view.mappingCount))),
            (
                "sample_types",
                JSONValue.lazy(view.sampleTypes.indices) { index in
                    let type = view.sampleType(index)
                    return .object([
                        ("type", .string(type.type)), ("unit", .string(type.unit)),
                        ("default", .bool(type.isDefault)), ("total", .int(type.total)),
                    ])
                }
            ),
            ("doc_url", view.docURL.map(JSONValue.string) ?? .null),
            ("comments", JSONValue.lazy(view.comments.indices) { .string(view.comments[$0]) }),
            (
                "runtime_memstats",
                .object(
                    view.runtimeStats.map { stat in
                        (stat.name, Int64(stat.value).map(JSONValue.int) ?? .string(stat.value))
                    })
            ),
        ])
    }
}

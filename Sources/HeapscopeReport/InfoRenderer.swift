import Foundation
import HeapscopeAnalysis

/// Renders `heapscope info`.
public enum InfoRenderer {
    public static func text(_ view: InfoView) -> String {
        var lines: [String] = []
        lines.append("Binary:       " + (view.binary ?? "(unknown)"))
        if let buildID = view.buildID { lines.append("Build ID:     " + buildID) }
        lines.append("Time:         " + (view.timeNanos == 0 ? "(not recorded)" : JSONValue.isoTime(view.timeNanos)))
        if view.durationNanos != 0 {
            lines.append("Duration:     " + Measurement.label(view.durationNanos, unit: "nanoseconds"))
        }
        let period =
            view.periodType.type.isEmpty
            ? "\(view.period)"
            : "\(Measurement.label(view.period, unit: view.periodType.unit)) of \(view.periodType.type)"
        lines.append("Period:       " + period)
        lines.append("Samples:      \(view.sampleCount)")
        lines.append("Truncated:    \(view.truncatedSamples) stacks cut at the runtime's depth limit (\(view.stackDepthLimit) frames)")
        lines.append("Locations:    \(view.locationCount)")
        lines.append("Functions:    \(view.functionCount)")
        lines.append("Mappings:     \(view.mappingCount)")
        lines.append("Sample types:")
        for type in view.sampleTypes {
            let name = type.type + (type.isDefault ? " (default)" : "")
            let total = Measurement.label(type.total, unit: type.unit)
            lines.append(
                "  \(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(type.unit.padding(toLength: 8, withPad: " ", startingAt: 0)) total \(total)"
            )
        }
        if !view.keyStats.isEmpty {
            lines.append("runtime.MemStats:")
            for stat in view.keyStats {
                let shown = stat.unit == "bytes" ? "\(Measurement.label(stat.value, unit: "bytes")) (\(stat.value))" : "\(stat.value)"
                lines.append("  \(stat.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(shown)")
            }
        }
        if let doc = view.docURL { lines.append("Doc:          " + doc) }
        if !view.comments.isEmpty {
            lines.append("Comments:")
            lines.append(contentsOf: view.comments.map { "  " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
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
                .array(
                    view.sampleTypes.map { type in
                        .object([
                            ("type", .string(type.type)), ("unit", .string(type.unit)),
                            ("default", .bool(type.isDefault)), ("total", .int(type.total)),
                        ])
                    })
            ),
            ("doc_url", view.docURL.map(JSONValue.string) ?? .null),
            ("comments", .array(view.comments.map(JSONValue.string))),
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

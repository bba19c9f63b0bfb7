import Foundation
import HeapscopeAnalysis
import HeapscopeProfile

/// A JSON document with ordered object keys, so every view's JSON output is
/// stable and diffable. It is written piece by piece (`write(to:)`), and a
/// view's long arrays are `lazy`: each element is made as it is written, so
/// no document is ever held whole.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array whose elements are made one at a time as they are written
    /// (long outputs such as traces): never held whole.
    case lazyArray(LazyJSONArray)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// The document as indented JSON text, ending in a newline.
    public func rendered() -> String {
        var out = TextSink()
        write(to: &out)
        return out.text
    }

    /// Writes `rendered()` to `out` piece by piece, as it is produced.
    public func write(to out: inout TextSink) {
        write(to: &out, indent: 0)
        out.write(byte: UInt8(ascii: "\n"))
    }

    /// Writes the value as it appears nested `indent` levels deep.
    func write(to out: inout TextSink, indent: Int) {
        switch self {
        case .null: out.write("null")
        case .bool(let value): out.write(value ? "true" : "false")
        case .int(let value): out.write(decimal: value)
        case .double(let value):
            if value.isFinite {
                if value == value.rounded() && abs(value) < 1e15 {
                    out.write(decimal: Int64(value))
                } else {
                    out.write(String(value))
                }
            } else {
                out.write("null")
            }
        case .string(let value): out.write(JSONValue.quoted(value))
        case .array(let items):
            if items.isEmpty {
                out.write("[]")
                return
            }
            out.write("[\n")
            for (index, item) in items.enumerated() {
                Self.indent(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
                out.write(index == items.count - 1 ? "\n" : ",\n")
            }
            Self.indent(&out, indent)
            out.write(byte: UInt8(ascii: "]"))
        case .lazyArray(let items):
            var first = true
            items.visitElements { item in
                out.write(first ? "[\n" : ",\n")
                first = false
                Self.indent(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            if first {
                out.write("[]")
            } else {
                out.write(byte: UInt8(ascii: "\n"))
                Self.indent(&out, indent)
                out.write(byte: UInt8(ascii: "]"))
            }
        case .object(let members):
            if members.isEmpty {
                out.write("{}")
                return
            }
            out.write("{\n")
            for (index, (key, value)) in members.enumerated() {
                Self.indent(&out, indent + 1)
                out.write(JSONValue.quoted(key))
                out.write(": ")
                value.write(to: &out, indent: indent + 1)
                out.write(index == members.count - 1 ? "\n" : ",\n")
            }
            Self.indent(&out, indent)
            out.write(byte: UInt8(ascii: "}"))
        }
    }

    /// Nesting deeper than this is indented as this level, so the output of a
    /// deeply nested document (a flame tree of a 100,000-frame stack) grows
    /// with its size, not with the square of its depth.
    static let maxIndentLevel = 128

    /// Two spaces per level, up to `maxIndentLevel`.
    static func indent(_ out: inout TextSink, _ level: Int) {
        for _ in 0..<min(level, maxIndentLevel) * 2 { out.write(byte: UInt8(ascii: " ")) }
    }

    /// `value` as a JSON string literal, quotes included.
    public static func quoted(_ value: String) -> String {
        // 0xE2 starts U+2028 and U+2029; 0xF4 starts the scalars `RawBytes` keeps invalid bytes as.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c || $0 == 0xe2 || $0 == 0xf4 }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else if RawBytes.rawByte(scalar) != nil {
                    out += "\u{FFFD}"  // invalid UTF-8 in the profile
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An array of `transform` applied to each of `base`'s elements, made
    /// one at a time as the array is written.
    public static func lazy<Base: Sequence & Sendable>(
        _ base: Base,
        _ transform: @escaping @Sendable (Base.Element) -> JSONValue
    ) -> JSONValue {
        .lazyArray(
            LazyJSONArray(visitElements: { body in
                for element in base { body(transform(element)) }
            }))
    }

    /// A value as three members: `NAME` (raw, in base units), `NAME_text`
    /// (as the text report prints it) and `NAME_percent` (of `total`).
    public static func measure(_ name: String, _ value: Int64, formatter: ValueFormatter, total: Int64) -> [(String, JSONValue)] {
        [
            (name, .int(value)), (name + "_text", .string(formatter.format(value))),
            (name + "_percent", .double(percent(value, total))),
        ]
    }

    /// Each prefix's sum of `values` (wrapping, as the text reports' sum%).
    static func runningSums(_ values: [Int64]) -> [Int64] {
        var sum: Int64 = 0
        return values.map { value in
            sum &+= value
            return sum
        }
    }

    /// `value / total` in percent (signed), rounded to 4 decimals; 0 when total is 0.
    public static func percent(_ value: Int64, _ total: Int64) -> Double {
        guard total != 0 else { return 0 }
        return ((Double(value) / Double(total)) * 100 * 10000).rounded() / 10000
    }

    /// The header object shared by graph-based views.
    public static func header(_ header: ReportHeader, prune: PruneFacts?) -> JSONValue {
        let facts = header.profile
        let filters = header.activeFilters
        let sampleUnit = header.sampleUnit
        let outputUnit = header.outputUnit
        var members: [(String, JSONValue)] = [
            ("file", facts.file.map(JSONValue.string) ?? .null),
            ("build_id", facts.buildID.map(JSONValue.string) ?? .null),
            ("comments", JSONValue.lazy(facts.comments, JSONValue.string)),
            ("sample_type", .string(facts.sampleType)),
            ("sample_unit", .string(sampleUnit)),
            ("output_unit", .string(outputUnit)),
            ("time", facts.timeNanos == 0 ? .null : .string(isoTime(facts.timeNanos))),
            ("time_nanos", .int(facts.timeNanos)),
            ("duration_nanos", .int(facts.durationNanos)),
            ("active_filters", .array(filters.map(JSONValue.string))),
        ]
        if let prune {
            members += [
                ("total", .int(prune.total)),
                ("shown_flat", .int(prune.shownFlat)),
                ("shown_nodes", .int(Int64(prune.shownNodes))),
                ("nodes_after_fraction_cut", .int(Int64(prune.originalCount))),
                ("dropped_nodes", .int(Int64(prune.droppedNodes))),
                ("node_cutoff", .int(prune.nodeCutoff)),
                ("dropped_edges", .int(Int64(prune.droppedEdges))),
                ("edge_cutoff", .int(prune.edgeCutoff)),
            ]
        }
        return .object(members)
    }

    /// RFC 3339 time in UTC with nanoseconds, e.g. `2026-11-28T02:25:00.123456789Z`.
    public static func isoTime(_ nanos: Int64) -> String {
        var seconds = time_t(nanos / 1_000_000_000)
        var fraction = nanos % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int64(fraction))
    }
}

/// The elements of `JSONValue.lazyArray`, made one at a time as they are written.
public struct LazyJSONArray: Sendable {
    /// Calls its argument with each element in turn.
    public let visitElements: @Sendable ((JSONValue) -> Void) -> Void
}

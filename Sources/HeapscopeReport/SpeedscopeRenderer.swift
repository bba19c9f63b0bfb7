import HeapscopeAnalysis

/// A speedscope file (https://www.speedscope.app/file-format-schema.json):
/// one `sampled` profile for the chosen sample type, one sample per
/// distinct stack, weighted by its value.
public enum SpeedscopeRenderer {
    public static let schema = "https://www.speedscope.app/file-format-schema.json"

    /// The speedscope unit for a sample unit: `bytes`, a time unit, or `none`.
    public static func unit(for sampleUnit: String) -> String {
        switch sampleUnit.lowercased() {
        case "bytes", "byte", "b": return "bytes"
        case "nanoseconds", "nanosecond", "ns": return "nanoseconds"
        case "microseconds", "microsecond", "us": return "microseconds"
        case "milliseconds", "millisecond", "ms": return "milliseconds"
        case "seconds", "second", "s": return "seconds"
        default: return "none"
        }
    }

    /// - Parameters:
    ///   - name: the profile's name (the input files).
    ///   - sampleType: the chosen sample type, e.g. `inuse_space`.
    ///   - sampleUnit: its unit, e.g. `bytes`.
    public static func render(_ groups: StackGroups, name: String, sampleType: String, sampleUnit: String, exporter: String) -> [UInt8] {
        var out = TextSink()
        write(groups, name: name, sampleType: sampleType, sampleUnit: sampleUnit, exporter: exporter, to: &out)
        return out.bytes
    }

    /// Writes the file piece by piece.
    public static func write(
        _ groups: StackGroups, name: String, sampleType: String, sampleUnit: String, exporter: String, to out: inout TextSink
    ) {
        var frameOf = [Int32](repeating: -1, count: groups.table.count)
        var frameNodes: [Int32] = []
        for node in groups.frames where frameOf[Int(node)] < 0 {
            frameOf[Int(node)] = Int32(frameNodes.count)
            frameNodes.append(node)
        }
        out.write("{\"$schema\":\(JSONValue.quoted(schema)),\"name\":\(JSONValue.quoted(name)),")
        out.write("\"exporter\":\(JSONValue.quoted(exporter)),\"activeProfileIndex\":0,\"shared\":{\"frames\":[")
        for (position, node) in frameNodes.enumerated() {
            if position > 0 { out.write(byte: UInt8(ascii: ",")) }
            let info = groups.table.infos[Int(node)]
            out.write("{\"name\":\(JSONValue.quoted(groups.table.printableNames[Int(node)]))")
            if !info.file.isEmpty { out.write(",\"file\":\(JSONValue.quoted(info.file))") }
            if info.lineNumber != 0 { out.write(",\"line\":\(info.lineNumber)") }
            out.write(byte: UInt8(ascii: "}"))
        }
        let total = groups.values.reduce(0, &+)
        out.write("]},\"profiles\":[{\"type\":\"sampled\",\"name\":\(JSONValue.quoted(sampleType)),")
        out.write("\"unit\":\(JSONValue.quoted(unit(for: sampleUnit))),\"startValue\":0,\"endValue\":")
        out.write(decimal: total)
        out.write(",\"samples\":[")
        for index in 0..<groups.count {
            if index > 0 { out.write(byte: UInt8(ascii: ",")) }
            out.write(byte: UInt8(ascii: "["))
            var first = true
            for node in groups.stack(index) {
                if !first { out.write(byte: UInt8(ascii: ",")) }
                first = false
                out.write(decimal: Int64(frameOf[Int(node)]))
            }
            out.write(byte: UInt8(ascii: "]"))
        }
        out.write("],\"weights\":[")
        for (index, value) in groups.values.enumerated() {
            if index > 0 { out.write(byte: UInt8(ascii: ",")) }
            out.write(decimal: value)
        }
        out.write("]}]}\n")
    }
}

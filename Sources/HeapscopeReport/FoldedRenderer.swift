import HeapscopeAnalysis
import HeapscopeProfile

/// Folded stacks (Brendan Gregg's `stackcollapse` format, read by
/// flamegraph.pl, inferno and speedscope): one line per distinct stack,
/// `root;…;leaf VALUE`.
///
/// The format has no escaping, so names are made safe instead: `;` (the
/// frame separator) becomes `:`, and line breaks and other control
/// characters become a space. Spaces stay: readers take the value after
/// the last space.
public enum FoldedRenderer {
    public static func render(_ groups: StackGroups) -> [UInt8] {
        var out = TextSink()
        write(groups, to: &out)
        return out.bytes
    }

    /// Writes the lines one at a time.
    public static func write(_ groups: StackGroups, to out: inout TextSink) {
        // Every name's bytes once, in one buffer: name i is nameBytes[nameStarts[i]..<nameStarts[i + 1]].
        var nameBytes: [UInt8] = []
        var nameStarts = [0]
        for name in groups.table.printableNames {
            nameBytes.append(contentsOf: RawBytes.bytes(safeName(name)))
            nameStarts.append(nameBytes.count)
        }
        nameBytes.withUnsafeBufferPointer { names in
            groups.frames.withUnsafeBufferPointer { frames in
                for index in 0..<groups.count {
                    let range = groups.starts[index]..<groups.starts[index + 1]
                    for position in range {
                        if position != range.lowerBound { out.write(byte: UInt8(ascii: ";")) }
                        let node = Int(frames[position])
                        out.write(bytes: UnsafeBufferPointer(rebasing: names[nameStarts[node]..<nameStarts[node + 1]]))
                    }
                    out.write(byte: UInt8(ascii: " "))
                    out.write(decimal: groups.values[index])
                    out.write(byte: UInt8(ascii: "\n"))
                }
            }
        }
    }

    /// `name` as it appears in a folded line.
    public static func safeName(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    if scalar == ";" { return ":" }
                    if scalar.value < 0x20 || scalar.value == 0x7f || scalar.value == 0x85
                        || scalar.value == 0x2028 || scalar.value == 0x2029
                    {
                        return " "
                    }
                    return scalar
                }))
    }
}

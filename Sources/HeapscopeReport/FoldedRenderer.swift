import HeapscopeAnalysis

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
        let names = groups.table.printableNames.map { Array(safeName($0).utf8) }
        var out = ByteText(capacity: groups.frames.count * 16 + groups.count * 8)
        for index in 0..<groups.count {
            var first = true
            for node in groups.stack(index) {
                if !first { out.append(UInt8(ascii: ";")) }
                first = false
                out.append(names[Int(node)])
            }
            out.append(UInt8(ascii: " "))
            out.append(decimal: groups.values[index])
            out.append(UInt8(ascii: "\n"))
        }
        return out.bytes
    }

    /// `name` as it appears in a folded line.
    public static func safeName(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            if scalar == ";" { return ":" }
            if scalar.value < 0x20 || scalar.value == 0x7f || scalar.value == 0x85
                || scalar.value == 0x2028 || scalar.value == 0x2029 { return " " }
            return scalar
        }))
    }
}

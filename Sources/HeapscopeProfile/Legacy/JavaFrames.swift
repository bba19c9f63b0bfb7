/// The symbol section that ends Java profiles (text heapz and contentionz,
/// and the legacy binary Java CPU format), read as pprof's
/// `parseJavaLocations` does: lines `0xADDR function (File.java:LINE)`,
/// `0xADDR function (/path/lib.so)` (the file is the path's last part),
/// a `generated stub/JIT` line (function `STUB`), or `0xADDR text` (the
/// text is the function, such as `GC`). Other lines are ignored.
///
/// As pprof merges Java profiles by function and line (`Aggregate` without
/// addresses), locations have no address. A function is one per name, with
/// the file of its first line.
struct JavaFrames {
    private var frames: [UInt64: LegacyProfileBuilder.Frame] = [:]
    private var fileByName: [String: String] = [:]

    /// Reads `first` (if any) and every remaining line. `used` holds the
    /// addresses the samples use: the others are skipped, as pprof skips them.
    mutating func read(first: String?, _ lines: inout TextLines, used: Set<UInt64>) throws(ProfileError) {
        if let first { try read(first, number: lines.number, used: used) }
        while let line = try lines.next() { try read(line, number: lines.number, used: used) }
    }

    private mutating func read(_ line: String, number: Int, used: Set<UInt64>) throws(ProfileError) {
        let trimmed = line.trimmedSpace
        guard trimmed.hasPrefix("0x") else { return }
        let digits = trimmed.dropFirst(2).prefix { $0.isHexDigit }
        let rest = trimmed.dropFirst(2 + digits.count)
        // pprof's `^\s*0x([[:xdigit:]]+)\s+(.*)`: the text after a space.
        guard !digits.isEmpty, let space = rest.first, space == " " || space == "\t" else { return }
        guard let address = UInt64(digits, radix: 16) else {
            throw .legacySyntax(line: number, reason: "address 0x\(FieldScanner.excerpt(digits)) does not fit in 64 bits")
        }
        guard used.contains(address) else { return }
        var frame = Self.frame(String(rest.trimmedSpace))
        if let file = fileByName[frame.name] { frame.file = file } else { fileByName[frame.name] = frame.file }
        frames[address] = frame
    }

    /// The locations of a stack of addresses (leaf first): one per address,
    /// named by its symbol line; an address without one has no name.
    func stack(_ addresses: [UInt64], builder: inout LegacyProfileBuilder) -> [UInt32] {
        addresses.map { address in
            builder.location(key: [address], address: 0, frames: frames[address].map { [$0] } ?? [])
        }
    }

    /// pprof's reading of a symbol line's text: `^(.*)\s+\((.+):(-?\d+)\)$`,
    /// else `^(.*)\s+\((.*)\)$`, where the greedy name takes the last
    /// ` (` that fits and keeps any white space before the one matched.
    private static func frame(_ text: String) -> LegacyProfileBuilder.Frame {
        let chars = Array(text)
        if chars.last == ")" {
            let opens = chars.indices.filter { $0 > 0 && chars[$0] == "(" && (chars[$0 - 1] == " " || chars[$0 - 1] == "\t") }
            if let colon = chars.lastIndex(of: ":") {
                let number = String(chars[(colon + 1)..<(chars.count - 1)])
                let digits = number.hasPrefix("-") ? number.dropFirst() : Substring(number)
                if !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }),
                    let open = opens.last(where: { $0 + 1 < colon })
                {
                    let line = Int64(number).map { max($0, 0) } ?? 0
                    return .init(name: String(chars[..<(open - 1)]), file: String(chars[(open + 1)..<colon]), line: line)
                }
            }
            if let open = opens.last {
                return .init(name: String(chars[..<(open - 1)]), file: goBase(String(chars[(open + 1)..<(chars.count - 1)])), line: 0)
            }
        }
        if text.contains("generated stub/JIT") { return .init(name: "STUB", file: "", line: 0) }
        return .init(name: text, file: "", line: 0)
    }

    /// Go's `filepath.Base`.
    private static func goBase(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/" { return "/" }
        return String(trimmed.split(separator: "/", omittingEmptySubsequences: false).last ?? trimmed)
    }
}

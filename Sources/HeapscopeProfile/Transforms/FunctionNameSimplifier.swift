/// pprof's default demangling step (`symbolizer.Demangle` with no mode) for
/// names that are already demangled: a function whose name is empty or
/// equal to its system name, and that looks like demangled C++ (it has
/// `<`, `>`, `[`, `]` or `::`), loses its `(…)` and `<…>` groups. Java names
/// (`.<init>`) and Go method names on generic types (`]).`) are exempt; Go
/// generic functions (`F[go.shape.func(int)]`) are not.
///
/// Mangled names (`_Z…`) are not demangled: heapscope has no C++ demangler.
public enum FunctionNameSimplifier {
    /// Simplifies every function's name in place, as pprof does after
    /// reading a profile.
    public static func apply(to profile: inout Profile) {
        var cache: [String: Int32] = [:]
        for index in profile.functions.indices {
            let function = profile.functions[index]
            let systemName = profile.systemName(of: function)
            if function.nameIndex != function.systemNameIndex {
                let name = profile.name(of: function)
                if !name.isEmpty && systemName != name { continue }
            }
            let name = simplified(systemName)
            profile.functions[index].nameIndex =
                name == systemName ? function.systemNameIndex : profile.intern(name, cache: &cache)
        }
    }

    /// pprof's heuristics for an already demangled name.
    public static func simplified(_ name: String) -> String {
        guard looksLikeDemangledCPlusPlus(name) else { return name }
        var bytes = Array(name.utf8)
        bytes = removingMatching(bytes, start: UInt8(ascii: "("), end: UInt8(ascii: ")"))
        bytes = removingMatching(bytes, start: UInt8(ascii: "<"), end: UInt8(ascii: ">"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func looksLikeDemangledCPlusPlus(_ name: String) -> Bool {
        if name.contains(".<") || name.contains("]).") { return false }
        return name.contains { "<>[]".contains($0) } || name.contains("::")
    }

    /// pprof's `removeMatching`: drops each outermost `start…end` group; an
    /// unmatched `end` leaves the name as it was at that point.
    static func removingMatching(_ input: [UInt8], start: UInt8, end: UInt8) -> [UInt8] {
        var name = input
        var nesting = 0
        var first = 0
        var current = 0
        while current < name.count {
            let byte = name[current]
            if byte == start {
                nesting += 1
                if nesting == 1 { first = current }
            } else if byte == end {
                nesting -= 1
                if nesting < 0 { return name }
                if nesting == 0 {
                    name.removeSubrange(first...current)
                    current = first - 1
                }
            }
            current += 1
        }
        return name
    }
}

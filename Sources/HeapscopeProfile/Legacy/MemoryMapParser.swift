/// Reads the memory map that ends legacy profiles (after
/// `--- Memory map: ---` or `MAPPED_LIBRARIES:`), as pprof's
/// `parseProcMapsFromScanner` and `massageMappings`: `/proc/PID/maps` lines
/// or the brief `start-end file (@offset) buildid` form; entries that are
/// not executable are skipped, `name=value` lines define `$name` for later
/// lines, anything else is ignored. Adjacent pieces of one file are merged
/// and the likely main binary is moved first.
struct MemoryMapParser {
    private let procMaps = try? Regex(
        #"^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?(?:\s+([-rwxp]+))?(?:\s+([[:xdigit:]]+))?\s+[[:xdigit:]]+:[[:xdigit:]]+\s+[[:digit:]]+(?:\s+(\S+))?"#
    )
    private let briefMaps = try? Regex(
        #"^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?(?:\s+([-rwxp]+))?(?:\s+(\S+))?(?:\s+\(@([[:xdigit:]]+)\))?(?:\s+([[:xdigit:]]+))?"#
    )
    private let logPrefix = try? Regex(#"^[^\[\]]+:[0-9]+]\s"#)

    static func parse(_ lines: inout TextLines) throws(ProfileError) -> [MappingDetails] {
        try MemoryMapParser().parse(&lines)
    }

    private func parse(_ lines: inout TextLines) throws(ProfileError) -> [MappingDetails] {
        var mappings: [MappingDetails] = []
        var variables: [(String, String)] = []
        while var line = try lines.next() {
            if let prefix = logPrefix, let match = line.prefixMatch(of: prefix) {
                line = String(line[match.range.upperBound...])
            }
            for (name, value) in variables { line = line.replacing(name, with: value) }
            if let mapping = entry(line) {
                if let mapping { mappings.append(mapping) }
            } else if let equals = line.firstIndex(of: "=") {
                variables.append(("$" + line[..<equals].trimmedSpace, String(line[line.index(after: equals)...].trimmedSpace)))
            }
        }
        return Self.massaged(mappings)
    }

    /// nil: not a mapping line; .some(nil): a mapping that is skipped.
    private func entry(_ line: String) -> MappingDetails?? {
        var fields: [String?]
        if let regex = procMaps, let match = try? regex.prefixMatch(in: line) {
            fields = (1...5).map { match.output[$0].substring.map(String.init) }
            // start, end, perm, offset, file -> start, end, perm, file, offset, buildid
            fields = [fields[0], fields[1], fields[2], fields[4], fields[3], nil]
        } else if let regex = briefMaps, let match = try? regex.prefixMatch(in: line) {
            fields = (1...6).map { match.output[$0].substring.map(String.init) }
        } else {
            return nil
        }
        if let perm = fields[2], !perm.contains("x") { return .some(nil) }
        guard let startText = fields[0], let start = UInt64(startText, radix: 16),
            let endText = fields[1], let limit = UInt64(endText, radix: 16)
        else { return nil }
        var offset: UInt64 = 0
        if let offsetText = fields[4] {
            guard let parsed = UInt64(offsetText, radix: 16) else { return nil }
            offset = parsed
        }
        return .some(
            MappingDetails(
                id: 0, memoryStart: start, memoryLimit: limit, fileOffset: offset,
                file: fields[3] ?? "", buildID: fields[5] ?? ""))
    }

    private static func massaged(_ input: [MappingDetails]) -> [MappingDetails] {
        var mappings: [MappingDetails] = []
        for mapping in input {
            if var last = mappings.last, adjacent(last, mapping) {
                last.memoryLimit = mapping.memoryLimit
                if !mapping.file.isEmpty { last.file = mapping.file }
                if !mapping.buildID.isEmpty { last.buildID = mapping.buildID }
                mappings[mappings.count - 1] = last
                continue
            }
            mappings.append(mapping)
        }
        if let main = mappings.firstIndex(where: isMainBinary) { mappings.swapAt(0, main) }
        for index in mappings.indices { mappings[index].id = UInt64(index) + 1 }
        return mappings
    }

    private static func adjacent(_ first: MappingDetails, _ second: MappingDetails) -> Bool {
        if !first.file.isEmpty, !second.file.isEmpty, first.file != second.file { return false }
        if !first.buildID.isEmpty, !second.buildID.isEmpty, first.buildID != second.buildID { return false }
        if first.memoryLimit != second.memoryStart { return false }
        if first.fileOffset != 0, second.fileOffset != 0,
            first.fileOffset &+ (first.memoryLimit &- first.memoryStart) != second.fileOffset
        {
            return false
        }
        return true
    }

    /// pprof's guess for the main binary: a named file that is not a shared
    /// library (`.so`, `.so.N`) and not a `[special]` region.
    private static func isMainBinary(_ mapping: MappingDetails) -> Bool {
        let file = mapping.file.replacing("(deleted)", with: "").trimmedSpace
        guard let first = file.first, first != "[" else { return false }
        return !(file.hasSuffix(".so") || file.contains(".so.") || file.contains(".so_"))
    }
}

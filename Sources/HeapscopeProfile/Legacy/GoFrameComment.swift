import Foundation

/// One `#` frame comment the Go runtime writes under a heap record:
/// `#\t0x4b43d0\tmain.retainLarge+0x50\tmain.go:53`, or `#\t0x4b43d0`
/// for a PC without symbols. Fields are separated by tabs (names may hold
/// spaces: `go.shape.struct { X int }`).
struct GoFrameComment {
    /// The frame's PC (the record's address minus one).
    var pc: UInt64
    /// The function name, "" when the runtime had none.
    var name: String = ""
    /// `pc` minus the offset: the entry of the physical function. Inlined
    /// frames share their caller's entry.
    var entry: UInt64 = 0
    var file: String = ""
    var line: Int64 = 0

    /// Parses a comment line; nil when it is not a frame comment (such as
    /// `# runtime.MemStats`).
    init?(_ line: String) throws(FieldError) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: true).map { $0.trimmedSpace }.filter { !$0.isEmpty }
        guard fields.count >= 2, fields[0] == "#", fields[1].hasPrefix("0x") else { return nil }
        guard let pc = UInt64(fields[1].dropFirst(2), radix: 16) else {
            throw FieldError(message: "bad PC \"\(FieldScanner.excerpt(fields[1]))\" in a frame comment")
        }
        self.pc = pc
        guard fields.count >= 3 else { return }
        guard fields.count == 4 else { throw FieldError(message: "expected \"# PC name+offset file:line\" in a frame comment") }
        let symbol = fields[2]
        guard let plus = symbol.range(of: "+0x", options: .backwards),
            let offset = UInt64(symbol[plus.upperBound...], radix: 16)
        else {
            throw FieldError(message: "expected name+0xOFFSET in a frame comment, found \"\(FieldScanner.excerpt(symbol))\"")
        }
        name = String(symbol[..<plus.lowerBound])
        entry = pc &- offset
        let location = fields[3]
        guard let colon = location.lastIndex(of: ":"), let number = Int64(location[location.index(after: colon)...]) else {
            throw FieldError(message: "expected file:line in a frame comment, found \"\(FieldScanner.excerpt(location))\"")
        }
        file = String(location[..<colon])
        self.line = number
    }
}

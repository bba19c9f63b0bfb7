/// The lines of a legacy text profile, numbered from 1, as pprof's
/// `bufio.Scanner` splits them (`\n`, with a trailing `\r` removed).
/// A line longer than `maxLineBytes` or one holding binary bytes (NUL or
/// other control characters but tab) fails with the line's number.
struct TextLines {
    /// The longest line accepted: 1 MiB.
    static let maxLineBytes = 1 << 20

    private let bytes: [UInt8]
    private var offset = 0
    /// The number of the line `next()` returned last.
    private(set) var number = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next line as text, or nil at the end of the input.
    mutating func next() throws(ProfileError) -> String? {
        guard offset < bytes.count else { return nil }
        number += 1
        var end = offset
        while end < bytes.count, bytes[end] != 10 { end += 1 }
        let start = offset
        offset = end + 1
        var last = end
        if last > start, bytes[last - 1] == 13 { last -= 1 }
        guard last - start <= Self.maxLineBytes else {
            throw .legacySyntax(line: number, reason: "line is longer than 1 MiB")
        }
        for index in start..<last where Self.isBinary(bytes[index]) {
            throw .legacySyntax(
                line: number,
                reason: "binary data in a text profile (byte 0x\(String(bytes[index], radix: 16)) at column \(index - start + 1))")
        }
        return RawBytes.string(bytes[start..<last])
    }

    /// The unread rest of the input starts a new line: skips lines until
    /// `predicate` holds for one, which is returned (nil at the end).
    mutating func skip(until predicate: (String) -> Bool) throws(ProfileError) -> String? {
        while let line = try next() {
            if predicate(line) { return line }
        }
        return nil
    }

    private static func isBinary(_ byte: UInt8) -> Bool {
        byte < 32 && byte != 9 || byte == 127
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The string without leading and trailing spaces, tabs, CR and LF
    /// (Go's `strings.TrimSpace` for ASCII).
    var trimmedSpace: Substring {
        var slice = self[...]
        while let first = slice.utf8.first, first == 32 || (9...13).contains(first) { slice = slice.dropFirst() }
        while let last = slice.utf8.last, last == 32 || (9...13).contains(last) { slice = slice.dropLast() }
        return slice
    }

    /// pprof's `isSpaceOrComment`: blank, or `#` after leading space.
    var isSpaceOrComment: Bool {
        let trimmed = trimmedSpace
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// pprof's `isMemoryMapSentinel`: the start of a memory map section.
    var isMemoryMapSentinel: Bool {
        contains("--- Memory map: ---") || contains("MAPPED_LIBRARIES:")
    }
}

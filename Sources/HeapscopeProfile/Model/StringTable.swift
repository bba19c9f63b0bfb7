/// The profile's string table, stored compactly: every string's bytes back
/// to back in one buffer and where each ends, so that an entry costs its
/// bytes plus 8 (a `[String]` costs at least 16 per entry, however short).
///
/// A string is made on each access: hot loops look strings up by index once,
/// not per sample. Invalid UTF-8 read from a profile is stored as it was
/// read and turned into a `String` by `RawBytes.string`, as it always was.
public struct StringTable: RandomAccessCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
    /// The strings' bytes, back to back.
    private var bytes: [UInt8] = []
    /// `ends[i]` is where string `i`'s bytes end (its start is `ends[i - 1]`, or 0).
    private var ends: [Int] = []

    /// An empty table (no entry, not even "").
    public init() {}

    public init(arrayLiteral elements: String...) {
        self.init(elements)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(position: Int) -> String {
        let start = position == 0 ? 0 : ends[position - 1]
        return bytes.withUnsafeBufferPointer { RawBytes.string(UnsafeBufferPointer(rebasing: $0[start..<ends[position]])) }
    }

    /// Appends a string.
    public mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        ends.append(bytes.count)
    }

    /// Appends a string as the bytes a profile holds (any bytes, valid UTF-8 or not).
    mutating func append(raw: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: raw)
        ends.append(bytes.count)
    }

    public mutating func reserveCapacity(_ count: Int) {
        ends.reserveCapacity(count)
    }

    /// Reserves room for `count` more strings of `byteCount` bytes in all.
    mutating func reserveCapacity(count: Int, byteCount: Int) {
        ends.reserveCapacity(ends.count + count)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C) where C.Element == String {
        if subrange.isEmpty && subrange.lowerBound == ends.count {
            for string in newElements { append(string) }
            return
        }
        var result = StringTable()
        for index in 0..<subrange.lowerBound { result.appendEntry(of: self, at: index) }
        for string in newElements { result.append(string) }
        for index in subrange.upperBound..<ends.count { result.appendEntry(of: self, at: index) }
        self = result
    }

    /// Appends entry `index` of `table`, byte for byte.
    private mutating func appendEntry(of table: StringTable, at index: Int) {
        let start = index == 0 ? 0 : table.ends[index - 1]
        bytes.append(contentsOf: table.bytes[start..<table.ends[index]])
        ends.append(bytes.count)
    }

    public static func == (lhs: StringTable, rhs: StringTable) -> Bool {
        (lhs.ends == rhs.ends && lhs.bytes == rhs.bytes) || lhs.elementsEqual(rhs)
    }
}

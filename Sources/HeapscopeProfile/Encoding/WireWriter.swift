/// Appends protobuf wire-format fields to a byte buffer: the writing
/// counterpart of `WireReader`. Zero scalars and empty strings are left out,
/// as proto3 encoders do.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the bytes but keeps the storage (a reusable scratch buffer).
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The number of bytes `varint(value)` writes.
    @inline(__always)
    static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var value = value >> 7
        while value != 0 {
            size += 1
            value >>= 7
        }
        return size
    }

    @inline(__always)
    mutating func key(_ field: Int, _ wireType: WireType) {
        varint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// A varint field (uint64, or int64 as two's complement), left out when 0.
    @inline(__always)
    mutating func field(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        key(field, .varint)
        varint(value)
    }

    mutating func field(_ field: Int, _ value: Int64) {
        self.field(field, UInt64(bitPattern: value))
    }

    mutating func field(_ field: Int, _ value: Bool) {
        self.field(field, UInt64(value ? 1 : 0))
    }

    /// A length-delimited field holding `content` (always written, even empty).
    mutating func field(_ field: Int, bytes content: some Collection<UInt8>) {
        key(field, .lengthDelimited)
        varint(UInt64(content.count))
        bytes.append(contentsOf: content)
    }

    /// A packed repeated varint field, left out when empty.
    mutating func packed(_ field: Int, _ values: some Collection<UInt64>) {
        guard !values.isEmpty else { return }
        var length = 0
        for value in values { length += Self.varintSize(value) }
        key(field, .lengthDelimited)
        varint(UInt64(length))
        for value in values { varint(value) }
    }

    /// A nested message built in `scratch` (reset first), written as field `field`.
    mutating func message(_ field: Int, scratch: inout WireWriter, _ build: (inout WireWriter) -> Void) {
        scratch.reset()
        build(&scratch)
        self.field(field, bytes: scratch.bytes)
    }
}

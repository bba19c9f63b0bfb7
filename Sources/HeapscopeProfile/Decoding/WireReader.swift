/// The four protobuf wire types profile.proto uses.
enum WireType: UInt8 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
}

/// A cursor over raw protobuf bytes. Every read checks the bytes left first;
/// a short or malformed read throws `ProfileError.malformed` with the absolute
/// byte offset. It never traps, whatever the input.
struct WireReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var end: Int { bytes.count }
    /// Position of the next byte, relative to the start of `bytes`.
    private(set) var position: Int
    /// Offset of `bytes` within the whole decompressed input, for messages.
    let origin: Int
    /// The message being decoded, for messages (a literal: no allocation).
    let message: String
    /// The index of the message among its siblings (-1 when not counted),
    /// kept apart so that no string is built unless an error is reported.
    let messageIndex: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, origin: Int = 0, message: String, messageIndex: Int = -1) {
        self.bytes = bytes
        self.position = 0
        self.origin = origin
        self.message = message
        self.messageIndex = messageIndex
    }

    var isAtEnd: Bool { position >= end }
    /// The number of bytes not yet read.
    var remaining: Int { end - position }
    var absolutePosition: Int { origin + position }

    func error(_ reason: String, at offset: Int? = nil) -> ProfileError {
        .malformed(
            offset: origin + (offset ?? position),
            message: messageIndex >= 0 ? "\(message) \(messageIndex)" : message, reason: reason)
    }

    @inline(__always)
    mutating func readVarint() throws(ProfileError) -> UInt64 {
        // Fast path: one byte.
        if position < end {
            let byte = bytes[position]
            if byte < 0x80 {
                position += 1
                return UInt64(byte)
            }
        }
        return try readVarintSlow()
    }

    /// `readVarint` with two-byte varints (location ids up to 16,383) read
    /// inline too, for the sample pass's location ids.
    @inline(__always)
    mutating func readShortVarint() throws(ProfileError) -> UInt64 {
        if position + 1 < end {
            let byte = bytes[position]
            if byte < 0x80 {
                position += 1
                return UInt64(byte)
            }
            let high = bytes[position + 1]
            if high < 0x80 {
                position += 2
                return UInt64(byte & 0x7f) | UInt64(high) << 7
            }
        }
        return try readVarint()
    }

    private mutating func readVarintSlow() throws(ProfileError) -> UInt64 {
        let start = position
        switch Self.scanVarint(bytes, &position) {
        case .value(let value): return value
        case .cutOff: throw error("bad varint (cut off)", at: start)
        case .broken(let reason): throw error(reason, at: start)
        }
    }

    /// A varint read by `scanVarint`.
    enum VarintScan {
        case value(UInt64)
        /// The bytes end inside the varint.
        case cutOff
        case broken(String)
    }

    /// Reads the varint at `position` in `bytes`, moving past it.
    @inline(__always)
    static func scanVarint(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> VarintScan {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { return .broken("bad varint (overflows 64 bits)") }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return .value(result) }
            shift += 7
            if shift > 63 { return .broken("bad varint (longer than 10 bytes)") }
        }
        return .cutOff
    }

    /// Reads a field key and returns its number and wire type.
    @inline(__always)
    mutating func readKey() throws(ProfileError) -> (field: UInt64, wireType: WireType) {
        let start = position
        let key = try readVarint()
        guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
            throw error("unknown wire type \(key & 7)", at: start)
        }
        let field = key >> 3
        guard field != 0 else { throw error("field number 0", at: start) }
        return (field, wireType)
    }

    /// Reads a length prefix and returns a reader over that many bytes.
    @inline(__always)
    mutating func readLengthDelimited(message: String? = nil, index: Int = -1) throws(ProfileError) -> WireReader {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw error("length \(length) runs past the end of the data", at: start)
        }
        let count = Int(length)
        let slice = UnsafeBufferPointer(rebasing: bytes[position..<position + count])
        let sub = WireReader(
            slice, origin: origin + position, message: message ?? self.message,
            messageIndex: message == nil ? messageIndex : index)
        position += count
        return sub
    }

    /// The number of varints in the rest of the data (bytes without the
    /// continuation bit): the length of a packed repeated field.
    func countVarints() -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var index = position
        // Eight bytes at a time: one bit per byte without the continuation bit.
        while end - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            count += (~word & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < end {
            if base[index] < 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// Reads a length-delimited field and returns its bytes.
    mutating func readBytes() throws(ProfileError) -> UnsafeBufferPointer<UInt8> {
        try readLengthDelimited().bytes
    }

    mutating func readFixed64() throws(ProfileError) -> UInt64 {
        guard end - position >= 8 else { throw error("not enough data for a fixed64") }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return value
    }

    mutating func readFixed32() throws(ProfileError) -> UInt32 {
        guard end - position >= 4 else { throw error("not enough data for a fixed32") }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
        position += 4
        return value
    }

    /// Skips a field of the given wire type.
    mutating func skip(_ wireType: WireType) throws(ProfileError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        }
    }

    /// Reads a scalar integer field, as a varint (or fixed when the sender
    /// chose a fixed wire type, which protobuf allows for compatible types).
    @inline(__always)
    mutating func readUInt64(_ wireType: WireType, field: UInt64) throws(ProfileError) -> UInt64 {
        switch wireType {
        case .varint: return try readVarint()
        case .fixed64: return try readFixed64()
        case .fixed32: return UInt64(try readFixed32())
        case .lengthDelimited: throw error("type mismatch: field \(field) should be a number")
        }
    }

    /// Reads a repeated integer field in either form: one varint, or a packed
    /// run of varints. Calls `body` for each value.
    @inline(__always)
    mutating func readRepeated(_ wireType: WireType, field: UInt64, _ body: (UInt64) throws(ProfileError) -> Void) throws(ProfileError) {
        if wireType == .lengthDelimited {
            var packed = try readLengthDelimited()
            while !packed.isAtEnd { try body(try packed.readVarint()) }
        } else {
            try body(try readUInt64(wireType, field: field))
        }
    }

    /// Requires wire type 2 for an embedded message or string.
    @inline(__always)
    func expectLengthDelimited(_ wireType: WireType, field: UInt64) throws(ProfileError) {
        if wireType != .lengthDelimited {
            throw error("type mismatch: field \(field) should be length-delimited")
        }
    }

    /// Reads a sub-message `field`, which must be length-delimited.
    mutating func readMessage(_ wireType: WireType, field: UInt64, message: String, index: Int = -1) throws(ProfileError) -> WireReader {
        try expectLengthDelimited(wireType, field: field)
        return try readLengthDelimited(message: message, index: index)
    }
}

/// Walks a profile's top-level protobuf fields while its bytes are still
/// arriving, so that input which can never be a profile (`/dev/zero`,
/// `/dev/urandom`, a stream of garbage) fails after a few bytes instead of
/// after the size cap: a field number 0, a wire type profile.proto never
/// uses, a broken varint, or a field longer than the cap allows.
/// It reports the same errors, at the same offsets, as `WireReader`.
struct TopLevelScanner {
    let limit: Int
    /// Where the next top-level field starts.
    private(set) var next = 0
    /// Where the last field wholly within the bytes scanned so far ends:
    /// the fields before it can be decoded while more bytes arrive.
    private(set) var complete = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Scans every field that starts within `bytes` (all bytes read so far).
    /// A field whose key or length is cut off waits for more bytes.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(ProfileError) {
        if next <= bytes.count { complete = next }
        while next < bytes.count {
            var position = next
            guard let key = try Self.varint(bytes, &position) else { return }
            guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
                throw Self.error("unknown wire type \(key & 7)", at: next)
            }
            guard key >> 3 != 0 else { throw Self.error("field number 0", at: next) }
            let lengthStart = position
            var length: UInt64
            switch wireType {
            case .varint:
                guard try Self.varint(bytes, &position) != nil else { return }
                length = 0
            case .fixed64: length = 8
            case .fixed32: length = 4
            case .lengthDelimited:
                guard let value = try Self.varint(bytes, &position) else { return }
                length = value
                guard length <= UInt64(max(0, limit - position)) else {
                    throw Self.error("length \(length) runs past the size limit of \(limit) bytes", at: lengthStart)
                }
            }
            next = position + Int(length)
            if next <= bytes.count { complete = next }
        }
    }

    /// Reads a varint at `position`; nil when the bytes end inside it.
    private static func varint(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws(ProfileError) -> UInt64? {
        let start = position
        switch WireReader.scanVarint(bytes, &position) {
        case .value(let value): return value
        case .cutOff: return nil
        case .broken(let reason): throw error(reason, at: start)
        }
    }

    private static func error(_ reason: String, at offset: Int) -> ProfileError {
        .malformed(offset: offset, message: "Profile", reason: reason)
    }
}

import HeapscopeProfile

/// Where every renderer writes its output, piece by piece as it is
/// produced, so that no report is ever held whole.
///
/// The bytes gather in a buffer; once it holds `drainSize` bytes (64 KiB)
/// they go to `drain` (the CLI writes them to standard output or a file),
/// so memory stays bounded whatever the output's size. Without a drain the
/// sink keeps everything, for tests and callers that want the text
/// (`text`, `bytes`).
public struct TextSink: TextOutputStream {
    public static let drainSize = 1 << 16
    /// Escape control characters other than newline and tab in written
    /// strings (text output that is not colored), as `ControlCharacters`.
    public let escapesControlCharacters: Bool
    private let drain: ((UnsafeBufferPointer<UInt8>) -> Void)?
    /// The bytes are `storage[0..<used]`; the rest is room, so that a write
    /// is one copy.
    private var storage: [UInt8]
    private var used = 0

    /// - Parameters:
    ///   - escapesControlCharacters: escape control characters other than
    ///     newline and tab in every written string.
    ///   - drain: takes each full buffer (and the rest at `flush()`); nil:
    ///     keep every byte in memory.
    public init(escapesControlCharacters: Bool = false, drain: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) {
        self.escapesControlCharacters = escapesControlCharacters
        self.drain = drain
        storage = [UInt8](repeating: 0, count: drain == nil ? 1 << 12 : 2 * Self.drainSize)
    }

    /// The bytes written and not yet drained: all of them without a drain.
    public var bytes: [UInt8] { Array(storage[0..<used]) }

    /// `bytes` as a string, a profile's raw bytes kept as `RawBytes` does.
    public var text: String { RawBytes.string(storage[0..<used]) }

    /// Appends `string`'s bytes (raw bytes of profile strings restored, as
    /// `RawBytes`), with control characters escaped when asked.
    public mutating func write(_ string: String) {
        var string = string
        let plain = string.withUTF8 { utf8 in
            // One pass decides (see `mayNeedRewriting`); most strings are
            // copied as they are.
            guard !ControlCharacters.mayNeedRewriting(utf8, escaping: escapesControlCharacters) else { return false }
            append(utf8)
            return true
        }
        guard !plain else { return }
        if escapesControlCharacters {
            string = ControlCharacters.escaped(string, allowing: ControlCharacters.lineBreaks)
        }
        RawBytes.bytes(string).withUnsafeBufferPointer { append($0) }
    }

    /// Appends bytes as they are (UTF-8, or a profile's raw bytes).
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        append(bytes)
    }

    /// `write(text)`, for renderers that build their output by appending.
    public static func += (sink: inout TextSink, text: String) {
        sink.write(text)
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func write(byte: UInt8) {
        if used == storage.count { makeRoom(1) }
        storage[used] = byte
        used += 1
        drainIfFull()
    }

    /// Appends `value` in decimal, without building a string.
    public mutating func write(decimal value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for a sign and 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var magnitude = value.magnitude
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
            append(UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[start...]))
        }
    }

    /// Hands what is buffered to the drain (nothing without one).
    public mutating func flush() {
        guard let drain, used > 0 else { return }
        storage.withUnsafeBufferPointer { drain(UnsafeBufferPointer(rebasing: $0[0..<used])) }
        used = 0
    }

    /// Copies `bytes` in, draining when the buffer is full; a drain takes a
    /// piece larger than the buffer straight from `bytes`.
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count > 0, let source = bytes.baseAddress else { return }
        if used + count > storage.count {
            if let drain, count >= Self.drainSize {
                flush()
                drain(bytes)
                return
            }
            makeRoom(count)
        }
        let start = used
        storage.withUnsafeMutableBufferPointer { target in
            guard let base = target.baseAddress else { return }
            (base + start).update(from: source, count: count)
        }
        used += count
        drainIfFull()
    }

    /// Room for `count` more bytes: drained, or (without a drain) grown.
    private mutating func makeRoom(_ count: Int) {
        if drain != nil {
            flush()
            if count <= storage.count { return }
        }
        storage.append(contentsOf: repeatElement(0, count: max(storage.count, used + count - storage.count)))
    }

    @inline(__always)
    private mutating func drainIfFull() {
        if used >= Self.drainSize && drain != nil { flush() }
    }
}

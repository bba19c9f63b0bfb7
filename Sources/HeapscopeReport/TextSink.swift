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
    private var buffer: [UInt8] = []

    /// - Parameters:
    ///   - escapesControlCharacters: escape control characters other than
    ///     newline and tab in every written string.
    ///   - drain: takes each full buffer (and the rest at `flush()`); nil:
    ///     keep every byte in memory.
    public init(escapesControlCharacters: Bool = false, drain: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) {
        self.escapesControlCharacters = escapesControlCharacters
        self.drain = drain
        if drain != nil { buffer.reserveCapacity(Self.drainSize + 1024) }
    }

    /// The bytes written and not yet drained: all of them without a drain.
    public var bytes: [UInt8] { buffer }

    /// `bytes` as a string, a profile's raw bytes kept as `RawBytes` does.
    public var text: String { RawBytes.string(buffer) }

    /// Appends `string`'s bytes (raw bytes of profile strings restored, as
    /// `RawBytes`), with control characters escaped when asked.
    public mutating func write(_ string: String) {
        var string = string
        let start = buffer.count
        let clean = string.withUTF8 { utf8 in
            buffer.append(contentsOf: utf8)
            // One pass decides: no byte below space but newline and tab, no
            // DEL, no 0xC2 (lead of the C1 controls) and no 0xF4 (lead of
            // the scalars raw bytes are kept as).
            return !ControlCharacters.mayNeedRewriting(utf8, escaping: escapesControlCharacters)
        }
        guard !clean else { return drainIfFull() }
        buffer.removeSubrange(start...)
        if escapesControlCharacters {
            string = ControlCharacters.escaped(string, allowing: ControlCharacters.lineBreaks)
        }
        RawBytes.append(string, to: &buffer)
        drainIfFull()
    }

    /// Appends bytes as they are (UTF-8, or a profile's raw bytes); a
    /// drain takes a large piece straight from `bytes`.
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        if let drain, bytes.count >= Self.drainSize {
            flush()
            drain(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        drainIfFull()
    }

    /// `write(text)`, for renderers that build their output by appending.
    public static func += (sink: inout TextSink, text: String) {
        sink.write(text)
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func write(byte: UInt8) {
        buffer.append(byte)
        drainIfFull()
    }

    /// Appends `value` in decimal, without building a string.
    public mutating func write(decimal value: Int64) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            while count > 0 {
                count -= 1
                buffer.append(scratch[count])
            }
        }
        drainIfFull()
    }

    /// Hands what is buffered to the drain (nothing without one).
    public mutating func flush() {
        guard let drain, !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { drain($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func drainIfFull() {
        if drain != nil && buffer.count >= Self.drainSize { flush() }
    }
}

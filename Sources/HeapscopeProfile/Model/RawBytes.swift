/// Keeps invalid UTF-8 in profile strings byte for byte, as pprof (Go
/// strings are bytes) does: each byte that is not part of a valid UTF-8
/// sequence is stored as the private-use scalar U+10FF00 + byte (bytes
/// 0x80–0xFF map to U+10FF80–U+10FFFF), and turned back into that byte when
/// text or DOT is written. JSON writes U+FFFD for it instead (JSON text
/// must be valid UTF-8). A profile string that really contains one of those
/// 128 private-use characters is written as the raw byte as well.
public enum RawBytes {
    private static let base: UInt32 = 0x10FF00

    /// Decodes `bytes`, keeping invalid bytes as private-use scalars.
    public static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let array = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < array.count {
            let length = sequenceLength(array[index])
            if length > 0, index + length <= array.count,
                let piece = String(validating: array[index..<index + length], as: UTF8.self)
            {
                scalars.append(contentsOf: piece.unicodeScalars)
                index += length
            } else {
                scalars.append(Unicode.Scalar(base + UInt32(array[index])) ?? "\u{FFFD}")
                index += 1
            }
        }
        return String(scalars)
    }

    /// Appends the bytes to write for `text` (see `bytes(_:)`) to `output`,
    /// without an array of its own when it keeps no raw byte.
    public static func append(_ text: String, to output: inout [UInt8]) {
        var utf8 = text
        let plain = utf8.withUTF8 { bytes in
            guard !bytes.contains(0xF4) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if !plain { output.append(contentsOf: self.bytes(text)) }
    }

    /// The bytes to write for `text`: its UTF-8, with kept raw bytes restored.
    public static func bytes(_ text: String) -> [UInt8] {
        guard text.utf8.contains(0xF4) else { return Array(text.utf8) }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let byte = rawByte(scalar) {
                result.append(byte)
            } else {
                result.append(contentsOf: String(scalar).utf8)
            }
        }
        return result
    }

    /// The byte a scalar stands for, if it is a kept raw byte.
    public static func rawByte(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= base + 0x80 && scalar.value <= base + 0xFF ? UInt8(scalar.value - base) : nil
    }

    /// The length of the UTF-8 sequence `lead` starts (0: not a lead byte).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }
}

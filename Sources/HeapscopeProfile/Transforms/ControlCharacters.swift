/// Control characters written as escapes (`\x1b`, `\n`, `\r`, …), so that a
/// string from a profile or the command line can neither drive a terminal
/// (ESC, CSI, OSC, BEL) nor forge a line of output (newline, CR). Strings
/// without control characters are returned unchanged.
public enum ControlCharacters {
    /// C0 controls, DEL and the C1 controls (U+0080–U+009F, e.g. CSI U+009B).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
    }

    /// Newline and tab: what multi-line text output lets through.
    public static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\t"]

    /// True when `text` has a control character other than those in `allowed`.
    public static func contains(_ text: String, allowing allowed: Set<Unicode.Scalar> = []) -> Bool {
        // Most text has none: its UTF-8 has no byte below 0x20, no DEL and
        // no 0xC2 (the lead byte of U+0080–U+00BF, the C1 controls among them).
        var allowedBelowSpace: UInt32 = 0
        if !allowed.isEmpty {
            for scalar in allowed where scalar.value < 0x20 { allowedBelowSpace |= 1 << scalar.value }
        }
        var utf8 = text
        let suspect = utf8.withUTF8 { bytes in
            bytes.contains { byte in
                byte < 0x20 ? allowedBelowSpace & (1 << UInt32(byte)) == 0 : byte == 0x7f || byte == 0xc2
            }
        }
        guard suspect else { return false }
        return text.unicodeScalars.contains { isControl($0) && !allowed.contains($0) }
    }

    /// False when `utf8` surely needs no rewriting before it is written: no
    /// kept raw byte (`RawBytes`, lead byte 0xF4) and, when `escaping`, no
    /// control character other than newline and tab (no byte below 0x20 but
    /// those two, no DEL, no 0xC2). One pass over the bytes, eight at a
    /// time, for output writers; true sends the string to `escaped` and
    /// `RawBytes`.
    public static func mayNeedRewriting(_ utf8: UnsafeBufferPointer<UInt8>, escaping: Bool) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let count = utf8.count
        var offset = 0
        while offset + 8 <= count {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            if suspectWord(word, escaping: escaping) {
                for byte in UnsafeBufferPointer(start: base + offset, count: 8) where isSuspect(byte, escaping: escaping) {
                    return true
                }
            }
            offset += 8
        }
        while offset < count {
            if isSuspect(base[offset], escaping: escaping) { return true }
            offset += 1
        }
        return false
    }

    /// Whether one of the word's eight bytes may be suspect (a byte below
    /// 0x20, 0x7F, 0xC2 or 0xF4; only 0xF4 when not `escaping`): the
    /// "has a zero byte" bit trick on `word ^ c` and `word - 0x20…`.
    @inline(__always)
    private static func suspectWord(_ word: UInt64, escaping: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let raw = hasZero(word ^ (ones &* 0xF4))
        guard escaping else { return raw != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs
        return (raw | below | hasZero(word ^ (ones &* 0x7F)) | hasZero(word ^ (ones &* 0xC2))) != 0
    }

    @inline(__always)
    private static func isSuspect(_ byte: UInt8, escaping: Bool) -> Bool {
        guard escaping else { return byte == 0xF4 }
        return byte < 0x20 ? byte != 0x0A && byte != 0x09 : byte == 0x7F || byte == 0xC2 || byte == 0xF4
    }

    /// `text` with every control character but those in `allowed` escaped.
    public static func escaped(_ text: String, allowing allowed: Set<Unicode.Scalar> = []) -> String {
        guard contains(text, allowing: allowed) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !allowed.contains(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return out
    }
}

extension Profile {
    /// This profile with control characters escaped in every string it holds
    /// (function, file and mapping names, labels, sample types, comments):
    /// what the text reports print.
    public func escapingControlCharacters() -> Profile {
        func clean(_ text: String) -> String { ControlCharacters.escaped(text) }
        var copy = self
        // Every name a record holds is a string-table entry.
        guard
            strings.contains(where: { ControlCharacters.contains($0) })
                || ControlCharacters.contains(periodType.type + periodType.unit + defaultSampleType)
        else { return self }
        copy.strings = StringTable(strings.lazy.map(clean))
        copy.periodType = ValueType(type: clean(periodType.type), unit: clean(periodType.unit))
        copy.defaultSampleType = clean(defaultSampleType)
        return copy
    }
}

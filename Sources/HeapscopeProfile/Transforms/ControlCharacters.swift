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
    /// those two, no DEL, no 0xC2). One pass over the bytes, for output
    /// writers; true sends the string to `escaped` and `RawBytes`.
    public static func mayNeedRewriting(_ utf8: UnsafeBufferPointer<UInt8>, escaping: Bool) -> Bool {
        guard escaping else { return utf8.contains(0xF4) }
        // Bit b of `below` is set for the bytes b < 0x20 that need escaping.
        let below: UInt32 = ~(1 << 0x0a | 1 << 0x09)
        for byte in utf8 {
            if byte < 0x20 {
                if below & (1 << UInt32(byte)) != 0 { return true }
            } else if byte >= 0x7f && (byte == 0x7f || byte == 0xc2 || byte == 0xf4) {
                return true
            }
        }
        return false
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
        guard
            strings.contains(where: { ControlCharacters.contains($0) })
                || functions.contains(where: { ControlCharacters.contains($0.name + $0.systemName + $0.filename) })
                || mappings.contains(where: { ControlCharacters.contains($0.file + $0.buildID) })
                || sampleTypes.contains(where: { ControlCharacters.contains($0.type + $0.unit) })
                || ControlCharacters.contains(periodType.type + periodType.unit + defaultSampleType)
        else { return self }
        copy.strings = StringTable(strings.lazy.map(clean))
        for index in copy.functions.indices {
            copy.functions[index].name = clean(functions[index].name)
            copy.functions[index].systemName = clean(functions[index].systemName)
            copy.functions[index].filename = clean(functions[index].filename)
        }
        for index in copy.mappings.indices {
            copy.mappings[index].file = clean(mappings[index].file)
            copy.mappings[index].buildID = clean(mappings[index].buildID)
        }
        copy.sampleTypes = sampleTypes.map { ValueType(type: clean($0.type), unit: clean($0.unit)) }
        copy.periodType = ValueType(type: clean(periodType.type), unit: clean(periodType.unit))
        copy.defaultSampleType = clean(defaultSampleType)
        return copy
    }
}

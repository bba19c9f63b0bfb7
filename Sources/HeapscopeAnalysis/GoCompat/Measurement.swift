import Foundation

/// pprof's unit handling (`internal/measurement`): unit families, scaling,
/// value labels and percentages, reproduced to the byte.
public enum Measurement {
    struct Unit {
        let canonicalName: String
        let aliases: [String]
        let factor: Double
    }

    struct Family {
        let units: [Unit]
        let defaultUnit: Unit

        func sniff(_ unit: String) -> Unit? {
            var unit = unit.lowercased()
            if unit.utf8.count > 2, unit.hasSuffix("s") { unit.removeLast() }
            return units.first { $0.aliases.contains(unit) }
        }

        func autoScale(_ value: Double) -> (Double, String)? {
            var factor = 0.0
            var name = ""
            for unit in units where unit.factor >= factor && value / unit.factor >= 1.0 {
                factor = unit.factor
                name = unit.canonicalName
            }
            return factor == 0 ? nil : (value / factor, name)
        }

        func convert(_ value: Int64, from: String, to: String) -> (Double, String)? {
            guard let fromUnit = sniff(from) else { return nil }
            let v = Double(value) * fromUnit.factor
            if to == "minimum" || to == "auto" {
                return autoScale(v) ?? (v / defaultUnit.factor, defaultUnit.canonicalName)
            }
            guard let toUnit = sniff(to) else { return (v / defaultUnit.factor, defaultUnit.canonicalName) }
            return (v / toUnit.factor, toUnit.canonicalName)
        }
    }

    static let families: [Family] = {
        let byte = Unit(canonicalName: "B", aliases: ["b", "byte"], factor: 1)
        let second = Unit(canonicalName: "s", aliases: ["s", "sec", "second"], factor: 1e9)
        let gcu = Unit(canonicalName: "GCU", aliases: ["gcu"], factor: 1)
        return [
            Family(units: [
                byte,
                Unit(canonicalName: "kB", aliases: ["kb", "kbyte", "kilobyte"], factor: 1024),
                Unit(canonicalName: "MB", aliases: ["mb", "mbyte", "megabyte"], factor: 1048576),
                Unit(canonicalName: "GB", aliases: ["gb", "gbyte", "gigabyte"], factor: 1073741824),
                Unit(canonicalName: "TB", aliases: ["tb", "tbyte", "terabyte"], factor: 1099511627776),
                Unit(canonicalName: "PB", aliases: ["pb", "pbyte", "petabyte"], factor: 1125899906842624),
            ], defaultUnit: byte),
            Family(units: [
                Unit(canonicalName: "ns", aliases: ["ns", "nanosecond"], factor: 1),
                Unit(canonicalName: "us", aliases: ["μs", "us", "microsecond"], factor: 1e3),
                Unit(canonicalName: "ms", aliases: ["ms", "millisecond"], factor: 1e6),
                second,
                Unit(canonicalName: "hrs", aliases: ["hour", "hr"], factor: 3.6e12),
            ], defaultUnit: Unit(canonicalName: "s", aliases: [], factor: 1e9)),
            Family(units: [
                Unit(canonicalName: "n*GCU", aliases: ["nanogcu"], factor: 1e-9),
                Unit(canonicalName: "u*GCU", aliases: ["microgcu"], factor: 1e-6),
                Unit(canonicalName: "m*GCU", aliases: ["milligcu"], factor: 1e-3),
                gcu,
                Unit(canonicalName: "k*GCU", aliases: ["kilogcu"], factor: 1e3),
                Unit(canonicalName: "M*GCU", aliases: ["megagcu"], factor: 1e6),
                Unit(canonicalName: "G*GCU", aliases: ["gigagcu"], factor: 1e9),
                Unit(canonicalName: "T*GCU", aliases: ["teragcu"], factor: 1e12),
                Unit(canonicalName: "P*GCU", aliases: ["petagcu"], factor: 1e15),
            ], defaultUnit: Unit(canonicalName: "GCU", aliases: [], factor: 1)),
        ]
    }()

    /// Converts `value` from `fromUnit` to `toUnit` ("minimum" and "auto"
    /// pick the largest unit that keeps the value at least 1). Returns the
    /// scaled value and the unit's display name ("" for plain counts).
    public static func scale(_ value: Int64, from fromUnit: String, to toUnit: String) -> (value: Double, unit: String) {
        if value < 0 && value != Int64.min {
            let (v, u) = scale(-value, from: fromUnit, to: toUnit)
            return (-v, u)
        }
        for family in families {
            if let result = family.convert(value, from: fromUnit, to: toUnit) { return result }
        }
        switch toUnit {
        case "count", "sample", "unit", "minimum", "auto": return (Double(value), "")
        default: return (Double(value), toUnit)
        }
    }

    /// pprof's `ScaledLabel`: `%.2f` with a trailing `.00` removed, then the unit.
    public static func scaledLabel(_ value: Int64, from fromUnit: String, to toUnit: String) -> String {
        let (v, unit) = scale(value, from: fromUnit, to: toUnit)
        var text = String(format: "%.2f", v)
        if text.hasSuffix(".00") { text.removeLast(3) }
        if text == "0" || text == "-0" { return "0" }
        return text + unit
    }

    /// pprof's `Label`: the value auto-scaled.
    public static func label(_ value: Int64, unit: String) -> String {
        scaledLabel(value, from: unit, to: "auto")
    }

    /// pprof's `Percentage`: |value/total| as a 6-character percentage.
    public static func percentage(_ value: Int64, of total: Int64) -> String {
        var ratio = 0.0
        if total != 0 { ratio = abs(Double(value) / Double(total)) * 100 }
        if ratio >= 99.95 && ratio <= 100.05 { return "  100%" }
        if ratio >= 1.0 { return String(format: "%5.2f%%", ratio) }
        return String(format: "%5.2g%%", ratio)
    }

    /// Converts a Double to Int64 the way Go's `int64(f)` does for finite
    /// in-range values (truncation), saturating instead of trapping.
    public static func truncate(_ value: Double) -> Int64 {
        Int64(goTruncating: value)
    }
}

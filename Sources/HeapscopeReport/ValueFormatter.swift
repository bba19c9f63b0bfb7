import HeapscopeAnalysis

/// Formats raw sample values in a report's output unit, as pprof does.
public struct ValueFormatter: Sendable {
    public var sampleUnit: String
    public var outputUnit: String

    public init(sampleUnit: String, outputUnit: String) {
        self.sampleUnit = sampleUnit
        self.outputUnit = outputUnit
    }

    /// The formatter of a report that scales each value on its own (diff,
    /// trend): `unitOption` is the --unit value, and its default `minimum`
    /// (pprof's one unit for the whole report) becomes `auto`.
    public init(sampleUnit: String, eachValueIn unitOption: String) {
        self.init(sampleUnit: sampleUnit, outputUnit: unitOption == "minimum" ? "auto" : unitOption)
    }

    /// The formatter of a report with this header.
    public init(_ header: ReportHeader) {
        self.init(sampleUnit: header.sampleUnit, outputUnit: header.outputUnit)
    }

    /// The value in the output unit, e.g. `1.50MB`, or `0`.
    public func format(_ value: Int64) -> String {
        Measurement.scaledLabel(value, from: sampleUnit, to: outputUnit)
    }

    /// The value with its sign: `+1.50MB` for growth, `-512kB` for
    /// shrinkage, `0` for none.
    public func formatSigned(_ value: Int64) -> String {
        (value > 0 ? "+" : "") + format(value)
    }
}

/// Go's `%*s`: right-aligns `text` in `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    let length = text.count
    return length >= width ? text : String(repeating: " ", count: width - length) + text
}

import HeapscopeReport
import Testing

@Suite("Value formatting shared by diff and trend")
struct ValueFormatterTests {
    @Test(arguments: [(Int64(1_572_864), "+1.50MB"), (-524_288, "-512kB"), (0, "0")])
    func signedValues(_ value: Int64, _ expected: String) {
        #expect(ValueFormatter(sampleUnit: "bytes", eachValueIn: "minimum").formatSigned(value) == expected)
    }

    /// `minimum` is one unit for a whole pprof report; diff and trend scale
    /// each value on its own, so it becomes `auto`. Other units stay.
    @Test func minimumMeansAuto() {
        #expect(ValueFormatter(sampleUnit: "bytes", eachValueIn: "minimum").outputUnit == "auto")
        #expect(ValueFormatter(sampleUnit: "bytes", eachValueIn: "kB").outputUnit == "kB")
        #expect(ValueFormatter(sampleUnit: "bytes", eachValueIn: "kB").formatSigned(2048) == "+2kB")
    }
}

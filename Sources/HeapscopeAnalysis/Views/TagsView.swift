import HeapscopeProfile

/// How the value of the profile splits over each label's values (pprof's
/// `-tags`); for Go heap profiles, the `bytes` label gives the
/// allocation-size histogram.
public struct TagsView: Sendable {
    public struct Value: Sendable, Equatable {
        /// The label value; numeric values are formatted in the report's
        /// unit, and values that format alike are counted together.
        public var name: String
        public var value: Int64
    }

    public struct Key: Sendable, Equatable {
        public var key: String
        public var total: Int64
        /// Sorted by |value| descending, then name.
        public var values: [Value]
    }

    /// Sorted by key.
    public var keys: [Key]
    public var sampleUnit: String
    public var outputUnit: String

    public init(context: ReportContext) {
        let profile = context.profile
        let outputUnit = context.options.outputUnit
        let units = profile.numericLabelUnitsByName()
        var sums: [String: [String: Int64]] = [:]
        var formatted: [Label: String] = [:]
        for sample in 0..<profile.sampleCount {
            let value = profile.value(ofSample: sample, index: context.sampleIndex)
            for label in profile.labels(ofSample: sample) {
                let key = profile.string(label.key)
                let name: String
                if label.isString {
                    name = profile.string(label.str)
                } else if let known = formatted[label] {
                    name = known
                } else {
                    name = Measurement.scaledLabel(label.num, from: units[key] ?? key, to: outputUnit)
                    formatted[label] = name
                }
                sums[key, default: [:]][name, default: 0] &+= value
            }
        }
        keys = sums.keys.sorted(by: CallGraph.goLess).map { key in
            let values = (sums[key] ?? [:]).map { Value(name: $0.key, value: $0.value) }.sorted { a, b in
                if a.value != b.value { return magnitude(a.value) > magnitude(b.value) }
                return CallGraph.goLess(a.name, b.name)
            }
            return Key(key: key, total: values.reduce(0) { $0 &+ $1.value }, values: values)
        }
        sampleUnit = context.sampleUnit
        self.outputUnit = outputUnit
    }
}

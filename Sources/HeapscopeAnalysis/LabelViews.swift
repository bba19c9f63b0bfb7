import HeapscopeProfile

/// The unit of each numeric label key (pprof's `NumLabelUnits`): the first
/// unit a sample gives for the key, else a guess from the key itself
/// (`alignment` and `request` are bytes; any other key is its own unit, so
/// the heap `bytes` label is in bytes).
public enum NumericLabelUnits {
    public static func units(of profile: Profile) -> [String: String] {
        var units: [Int32: String] = [:]
        for label in profile.labels where !label.isString {
            let unit = profile.string(label.numUnit)
            if units[label.key]?.isEmpty ?? true { units[label.key] = unit }
        }
        var byName: [String: String] = [:]
        for (key, unit) in units {
            let name = profile.string(key)
            if !unit.isEmpty {
                byName[name] = unit
            } else {
                byName[name] = (name == "alignment" || name == "request") ? "bytes" : name
            }
        }
        return byName
    }
}

/// Every sample with its labels and stack (pprof's `-traces`), in file order.
public struct TracesView: Sendable {
    public struct Frame: Sendable, Equatable {
        public var name: String
        /// The frame was inlined into the next one.
        public var inline: Bool
    }

    /// A label key with its values, in the sample's order.
    public struct StringLabel: Sendable, Equatable {
        public var key: String
        public var values: [String]
    }

    public struct NumericLabel: Sendable, Equatable {
        public var key: String
        public var values: [Int64]
        public var unit: String
    }

    public struct Trace: Sendable, Equatable {
        public var value: Int64
        /// Sorted by key.
        public var labels: [StringLabel]
        public var numericLabels: [NumericLabel]
        /// Leaf first.
        public var frames: [Frame]
    }

    /// Its active filters are for JSON only: pprof's traces text does not list them.
    public var header: ReportHeader
    public var traces: [Trace]

    public init(context: ReportContext) {
        let profile = context.profile
        let table = context.table
        let units = NumericLabelUnits.units(of: profile)
        var traces: [Trace] = []
        for sample in 0..<profile.sampleCount {
            var frames: [Frame] = []
            for location in profile.stack(ofSample: sample) {
                let nodes = table.nodes(ofLocation: Int(location))
                for (offset, node) in nodes.enumerated() {
                    frames.append(Frame(name: table.printableNames[Int(node)], inline: offset != nodes.count - 1))
                }
            }
            if frames.isEmpty { continue }
            var strings: [StringLabel] = [], numbers: [NumericLabel] = []
            for label in profile.labels(ofSample: sample) {
                let key = profile.string(label.key)
                if label.isString {
                    if let index = strings.firstIndex(where: { $0.key == key }) {
                        strings[index].values.append(profile.string(label.str))
                    } else {
                        strings.append(StringLabel(key: key, values: [profile.string(label.str)]))
                    }
                } else if let index = numbers.firstIndex(where: { $0.key == key }) {
                    numbers[index].values.append(label.num)
                } else {
                    numbers.append(NumericLabel(key: key, values: [label.num], unit: units[key] ?? key))
                }
            }
            strings.sort { CallGraph.goLess($0.key, $1.key) }
            numbers.sort { CallGraph.goLess($0.key, $1.key) }
            traces.append(Trace(value: profile.value(ofSample: sample, index: context.sampleIndex),
                                labels: strings, numericLabels: numbers, frames: frames))
        }
        self.traces = traces
        header = ReportHeader(context: context, outputUnit: context.options.outputUnit)
    }
}

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
        let units = NumericLabelUnits.units(of: profile)
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

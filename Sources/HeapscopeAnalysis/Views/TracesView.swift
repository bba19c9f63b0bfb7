import HeapscopeProfile

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
        let units = profile.numericLabelUnitsByName()
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

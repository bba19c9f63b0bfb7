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

    public struct Trace: Sendable {
        public var value: Int64
        /// Sorted by key.
        public var labels: [StringLabel]
        public var numericLabels: [NumericLabel]
        /// Leaf first, made as they are read (a stack may be millions deep).
        public var frames: Frames
    }

    /// A sample's frames, leaf first: each location's nodes, inlined ones first.
    public struct Frames: Sequence, Sendable {
        let table: NodeTable
        let stack: LocationIndices.SubSequence

        public func makeIterator() -> Iterator {
            Iterator(table: table, stack: stack, nodes: [])
        }

        public struct Iterator: IteratorProtocol {
            let table: NodeTable
            var stack: LocationIndices.SubSequence
            var nodes: ArraySlice<Int32>

            public mutating func next() -> Frame? {
                while nodes.isEmpty {
                    guard let location = stack.popFirst() else { return nil }
                    nodes = table.nodes(ofLocation: Int(location))
                }
                let node = nodes.removeFirst()
                return Frame(name: table.printableNames[Int(node)], inline: !nodes.isEmpty)
            }
        }
    }

    /// The samples' traces, built one at a time as they are read (a trace
    /// is not kept), so that memory does not grow with the output.
    public struct Traces: RandomAccessCollection, Sendable {
        let context: ReportContext
        /// The samples with at least one frame, in file order.
        let samples: [Int32]
        let units: [String: String]

        public var startIndex: Int { 0 }
        public var endIndex: Int { samples.count }

        public subscript(position: Int) -> Trace {
            let profile = context.profile
            let table = context.table
            let sample = Int(samples[position])
            let frames = Frames(table: table, stack: profile.stack(ofSample: sample))
            var strings: [StringLabel] = []
            var numbers: [NumericLabel] = []
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
            return Trace(
                value: profile.value(ofSample: sample, index: context.sampleIndex),
                labels: strings, numericLabels: numbers, frames: frames)
        }
    }

    /// Its active filters are for JSON only: pprof's traces text does not list them.
    public var header: ReportHeader
    public var traces: Traces

    public init(context: ReportContext) {
        let profile = context.profile
        let table = context.table
        var samples: [Int32] = []
        for sample in 0..<profile.sampleCount
        where profile.stack(ofSample: sample).contains(where: { !table.nodes(ofLocation: Int($0)).isEmpty }) {
            samples.append(Int32(sample))
        }
        traces = Traces(context: context, samples: samples, units: profile.numericLabelUnitsByName())
        header = ReportHeader(context: context, outputUnit: context.options.outputUnit)
    }
}

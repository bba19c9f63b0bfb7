import HeapscopeProfile

/// The tags of a call graph's nodes (pprof's `Node.LabelTags` and
/// `Node.NumericTags`), collected only for graph views that draw them as
/// nodelets. A sample's string labels, joined, form a label tag; each value
/// of its numeric `bytes` label forms a numeric tag under that label set.
public struct GraphTags: Sendable {
    /// Label sets: sorted `key:value` strings; `labelSets[0]` is the empty set.
    public var labelSets: [[String]] = [[]]
    /// Numeric tag names (the value scaled to the report's output unit).
    public var names: [String] = []
    /// The unit of the `bytes` label's values.
    public var unit: String
    /// Every tag, in order of creation.
    public var tags: [NodeTag] = []
    /// At most this many nodelets of each kind per node (pprof's maxNodelets).
    public static let maxNodelets = 4

    /// One tag of one node.
    public struct NodeTag: Sendable {
        public var node: Int32
        /// Index into `labelSets`.
        public var labelSet: Int32
        /// Index into `names` for a numeric tag; -1 for a label tag.
        public var name: Int32
        /// The numeric value of the first sample that created the tag.
        public var value: Int64
        public var flat: Int64
        public var cum: Int64
        public var isNumeric: Bool { name >= 0 }
    }

    /// pprof's `TrimLowFrequencyTags`: drops tags whose |flat| and |cum|
    /// are both below `cutoff`.
    public mutating func trim(below cutoff: Int64) {
        tags.removeAll { magnitude($0.flat) < cutoff && magnitude($0.cum) < cutoff }
    }

    /// pprof's `countTags`: per node, the number of tags with a flat value.
    public func flatTagCounts(nodeCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: nodeCount)
        for tag in tags where tag.flat != 0 { counts[Int(tag.node)] += 1 }
        return counts
    }
}

/// The label key pprof keeps as numeric tags, and the one it removes.
enum TagKeys {
    static let bytes = "bytes"
}

/// Collects tags while a graph is built: per sample the label set and the
/// numeric tag names are worked out once, then every node visit adds to a
/// few tags.
struct TagCollector {
    private var tags: GraphTags
    private var sampleLabelSet: [Int32]
    /// Sample `s`'s numeric tags are `numeric[numericStarts[s]..<numericStarts[s+1]]`.
    private var numericStarts: [Int32]
    private var numeric: [(name: Int32, value: Int64)]
    private var slots: [Key: Int32] = [:]

    private struct Key: Hashable {
        var node: Int32
        var labelSet: Int32
        var name: Int32
    }

    init(profile: Profile, outputUnit: String) {
        let strings = profile.strings
        var bytesKey = [Bool](repeating: false, count: strings.count)
        var baseKey = [Bool](repeating: false, count: strings.count)
        for (index, string) in strings.enumerated() {
            bytesKey[index] = string == TagKeys.bytes
            baseKey[index] = string == DiffLabel.key
        }
        var unit = ""
        for label in profile.labels where !label.isString && bytesKey[Int(label.key)] {
            let labelUnit = strings[Int(label.numUnit)]
            if !labelUnit.isEmpty {
                unit = labelUnit
                break
            }
        }
        if unit.isEmpty { unit = TagKeys.bytes }

        var tags = GraphTags(unit: unit)
        var setIndex: [[Int64]: Int32] = [:]
        var joinedIndex: [[String]: Int32] = [:]
        var nameIndex: [String: Int32] = [:]
        var valueNames: [Int64: Int32] = [:]
        var sampleLabelSet = [Int32](repeating: 0, count: profile.sampleCount)
        var numericStarts: [Int32] = [0]
        var numeric: [(name: Int32, value: Int64)] = []
        for sample in 0..<profile.sampleCount {
            var pairs: [Int64] = []
            for label in profile.labels(ofSample: sample) {
                if label.isString {
                    if !baseKey[Int(label.key)] { pairs.append(Int64(label.key) << 32 | Int64(label.str)) }
                } else if bytesKey[Int(label.key)] {
                    let name: Int32
                    if let known = valueNames[label.num] {
                        name = known
                    } else {
                        let text = Measurement.scaledLabel(label.num, from: unit, to: outputUnit)
                        if let known = nameIndex[text] {
                            name = known
                        } else {
                            name = Int32(tags.names.count)
                            tags.names.append(text)
                            nameIndex[text] = name
                        }
                        valueNames[label.num] = name
                    }
                    numeric.append((name, label.num))
                }
            }
            numericStarts.append(Int32(numeric.count))
            if pairs.isEmpty { continue }
            if let known = setIndex[pairs] {
                sampleLabelSet[sample] = known
            } else {
                let joined = pairs.map { strings[Int($0 >> 32)] + ":" + strings[Int($0 & 0xffff_ffff)] }
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                let id = joinedIndex[joined] ?? Int32(tags.labelSets.count)
                if id == Int32(tags.labelSets.count) {
                    tags.labelSets.append(joined)
                    joinedIndex[joined] = id
                }
                setIndex[pairs] = id
                sampleLabelSet[sample] = id
            }
        }
        self.tags = tags
        self.sampleLabelSet = sampleLabelSet
        self.numericStarts = numericStarts
        self.numeric = numeric
    }

    /// pprof's `Node.addSample` for the tags: adds `weight` to the node's
    /// tags for sample `sample`, to flat or to cum.
    mutating func add(node: Int32, sample: Int, weight: Int64, flat: Bool) {
        let labelSet = sampleLabelSet[sample]
        if labelSet != 0 {
            bump(Key(node: node, labelSet: labelSet, name: -1), value: 0, weight: weight, flat: flat)
        }
        for index in Int(numericStarts[sample])..<Int(numericStarts[sample + 1]) {
            let (name, value) = numeric[index]
            bump(Key(node: node, labelSet: labelSet, name: name), value: value, weight: weight, flat: flat)
        }
    }

    private mutating func bump(_ key: Key, value: Int64, weight: Int64, flat: Bool) {
        let slot: Int
        if let existing = slots[key] {
            slot = Int(existing)
        } else {
            slot = tags.tags.count
            slots[key] = Int32(slot)
            tags.tags.append(GraphTags.NodeTag(node: key.node, labelSet: key.labelSet, name: key.name, value: value, flat: 0, cum: 0))
        }
        if flat {
            tags.tags[slot].flat &+= weight
        } else {
            tags.tags[slot].cum &+= weight
        }
    }

    var result: GraphTags { tags }
}

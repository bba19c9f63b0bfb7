import HeapscopeProfile

/// The call graph as go tool pprof's `-dot` draws it, as data: nodes in
/// entropy order with their nodelets, and the edges in pprof's edge order.
public struct DotView: Sendable {
    /// The graph's title: base name of the main binary, if known.
    public var title: String?
    public var header: ReportHeader
    public var prune: PruneFacts
    /// Nodes in order; node `i` is drawn as `N<i+1>`.
    public var nodes: [Node]
    public var edges: [Edge]

    public struct Node: Sendable {
        /// The printable name (tooltips, JSON).
        public var name: String
        /// The label's name lines (pprof's multilinePrintableName), unescaped.
        public var labelLines: [String]
        public var flat: Int64
        public var cum: Int64
        /// String-label nodelets (`N<id>_<i>`).
        public var labelNodelets: [LabelNodelet]
        /// Numeric-label nodelets of samples without string labels (`NN<id>_<j>`).
        public var numericNodelets: [NumericNodelet]
        public var hasNodelets: Bool { !labelNodelets.isEmpty || !numericNodelets.isEmpty }
    }

    /// A nodelet for one set of string labels.
    public struct LabelNodelet: Sendable {
        /// Position among the node's label tags (ids keep gaps for tags with weight 0).
        public var index: Int
        /// `key:value` strings, sorted.
        public var labels: [String]
        public var weight: Int64
        /// The numeric-label nodelets hanging off this one.
        public var numeric: [NumericNodelet]
    }

    /// A nodelet for one numeric label value, or a bucket `min..max` of them.
    public struct NumericNodelet: Sendable {
        public var index: Int
        public var name: String
        public var weight: Int64
        /// The weight is cum and differs from flat (drawn dotted).
        public var dotted: Bool
    }

    public struct Edge: Sendable {
        /// Indices into `nodes`; `destination` is -1 for a callee that is
        /// not drawn (flat and cum both 0, possible in diffs), which pprof
        /// still draws the edge to, as `N0`.
        public var source: Int
        public var destination: Int
        /// The callee's name (for the tooltip, also when it is not drawn).
        public var destinationName: String
        public var weight: Int64
        public var residual: Bool
        public var inline: Bool
    }

    public init(context: ReportContext) {
        let trimmed = context.trimmedGraph(order: .entropy, collectTags: true)
        let graph = trimmed.graph
        let table = context.table
        var position = [Int](repeating: -1, count: table.count)
        for (index, node) in graph.nodes.enumerated() { position[Int(node)] = index }

        let outgoing = graph.outgoingEdges()
        let tags = graph.tags
        var nodeTags = [[GraphTags.NodeTag]](repeating: [], count: table.count)
        for tag in tags?.tags ?? [] where position[Int(tag.node)] >= 0 { nodeTags[Int(tag.node)].append(tag) }

        nodes = graph.nodes.map { node in
            let index = Int(node)
            let flatTags = !outgoing[index].isEmpty
            var labelTags: [TagItem] = []
            var numericBySet: [Int32: [TagItem]] = [:]
            for tag in nodeTags[index] {
                if tag.isNumeric {
                    let name = tags?.names[Int(tag.name)] ?? ""
                    numericBySet[tag.labelSet, default: []].append(
                        TagItem(name: name, labelSet: tag.labelSet, value: tag.value, flat: tag.flat, cum: tag.cum))
                } else {
                    let labels = tags?.labelSets[Int(tag.labelSet)] ?? []
                    labelTags.append(
                        TagItem(name: labels.joined(separator: "\\n"), labelSet: tag.labelSet, value: 0, flat: tag.flat, cum: tag.cum))
                }
            }
            let unit = tags?.unit ?? ""
            var labelNodelets: [LabelNodelet] = []
            for (i, tag) in TagItem.sorted(labelTags, flat: flatTags).prefix(GraphTags.maxNodelets).enumerated() {
                let weight = flatTags ? tag.flat : tag.cum
                if weight == 0 { continue }
                labelNodelets.append(
                    LabelNodelet(
                        index: i, labels: tags?.labelSets[Int(tag.labelSet)] ?? [], weight: weight,
                        numeric: Self.numericNodelets(numericBySet[tag.labelSet] ?? [], flatTags: flatTags, unit: unit)))
            }
            return Node(
                name: table.printableNames[index], labelLines: table.infos[index].multilineComponents,
                flat: graph.flat[index], cum: graph.cum[index], labelNodelets: labelNodelets,
                numericNodelets: Self.numericNodelets(numericBySet[0] ?? [], flatTags: flatTags, unit: unit))
        }

        // pprof draws every out-edge of the drawn nodes, also one into a
        // node that is not drawn (possible only in diffs).
        edges = graph.liveEdgeIndices
            .filter { position[Int(graph.edges[$0].source)] >= 0 }
            .sorted { graph.edgePrecedes($0, $1) }
            .map { index in
                let edge = graph.edges[index]
                return Edge(
                    source: position[Int(edge.source)], destination: position[Int(edge.destination)],
                    destinationName: table.printableNames[Int(edge.destination)],
                    weight: edge.weight, residual: edge.residual, inline: edge.inline)
            }

        title = context.profileFacts.file
        header = ReportHeader(context: context, outputUnit: context.outputUnit(for: graph))
        prune = PruneFacts(trimmed: trimmed, total: context.total, prune: context.options.prune)
    }

    /// pprof's `numericNodelets`: the tags collapsed into at most
    /// `maxNodelets` buckets; internal nodes show flat weights, leaves cum.
    static func numericNodelets(_ tags: [TagItem], flatTags: Bool, unit: String) -> [NumericNodelet] {
        var nodelets: [NumericNodelet] = []
        for (j, tag) in TagItem.collapsed(tags, count: GraphTags.maxNodelets, flat: flatTags, unit: unit).enumerated() {
            let useFlat = flatTags || tag.flat == tag.cum
            let weight = useFlat ? tag.flat : tag.cum
            if weight != 0 {
                nodelets.append(NumericNodelet(index: j, name: tag.name, weight: weight, dotted: !useFlat))
            }
        }
        return nodelets
    }
}

/// A tag while nodelets are chosen (pprof's `graph.Tag`).
struct TagItem {
    var name: String
    var labelSet: Int32
    var value: Int64
    var flat: Int64
    var cum: Int64

    /// pprof's `SortTags` (cum first unless `flat`, then flat, then name).
    static func sorted(_ tags: [TagItem], flat: Bool) -> [TagItem] {
        tags.sorted { a, b in
            if !flat && a.cum != b.cum { return magnitude(a.cum) > magnitude(b.cum) }
            if a.flat != b.flat { return magnitude(a.flat) > magnitude(b.flat) }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
    }

    /// pprof's `collapsedTags`: more than `count` tags are grouped around
    /// the `count` heaviest by nearest value and named `min..max`.
    static func collapsed(_ tags: [TagItem], count: Int, flat: Bool, unit: String) -> [TagItem] {
        let tags = sorted(tags, flat: flat)
        guard tags.count > count else { return tags }
        var groups = tags.prefix(count).map { [$0] }
        for tag in tags.dropFirst(count) {
            var best = 0
            var distance = tag.distance(to: groups[0][0])
            for i in 1..<count {
                let d = tag.distance(to: groups[i][0])
                if d < distance {
                    best = i
                    distance = d
                }
            }
            groups[best].append(tag)
        }
        return sorted(groups.map { group($0, unit: unit) }, flat: flat)
    }

    private func distance(to other: TagItem) -> Double {
        abs(Double(other.value) - Double(value))
    }

    /// pprof's `tagGroupLabel`.
    private static func group(_ tags: [TagItem], unit: String) -> TagItem {
        let first = tags[0]
        if tags.count == 1 {
            return TagItem(
                name: Measurement.label(first.value, unit: unit), labelSet: first.labelSet,
                value: first.value, flat: first.flat, cum: first.cum)
        }
        var low = first
        var high = first
        var flat = first.flat
        var cum = first.cum
        for tag in tags.dropFirst() {
            if tag.value < low.value { low = tag }
            if tag.value > high.value { high = tag }
            flat &+= tag.flat
            cum &+= tag.cum
        }
        let name = Measurement.label(low.value, unit: unit) + ".." + Measurement.label(high.value, unit: unit)
        return TagItem(name: name, labelSet: first.labelSet, value: first.value, flat: flat, cum: cum)
    }
}

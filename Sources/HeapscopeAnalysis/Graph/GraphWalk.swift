import HeapscopeProfile

/// One walk over a range of samples: walks each sample from root to leaf,
/// adds cum once per sample and node, each edge once per sample, and flat
/// to the leaf node. Nodes outside `kept` are skipped and make the next
/// edge residual.
///
/// The per-node and per-slot sums live in `GraphWalkBuffers`, the graph
/// builder's only unchecked memory. Its indices are node ids and location
/// slots of `table`, which `CallGraph.checkInputs` has checked against the
/// profile before any walk starts.
struct GraphWalk: ~Copyable {
    private let typeCount: Int
    private let valueIndex: Int
    private let makeEdges: Bool
    private var buffers: GraphWalkBuffers
    private var edgeMap = EdgeMap()
    private var edges = EdgeAccumulator()
    private var tags: TagCollector?

    init(profile: Profile, table: NodeTable, valueIndex: Int, kept: [Bool], tags: TagCollector?, makeEdges: Bool) {
        typeCount = profile.sampleTypes.count
        self.valueIndex = valueIndex
        self.makeEdges = makeEdges
        self.tags = tags
        buffers = GraphWalkBuffers(table: table, kept: kept)
    }

    /// Adds `samples` of `profile` (the profile the walk was made for) to
    /// the sums. The profile's sample arrays are read without bounds checks:
    /// the decoder made every stack's locations, and `checkInputs` the
    /// sample index, fit the table.
    mutating func add(_ samples: Range<Int>, of profile: Profile) {
        let (values, starts) = (profile.sampleValues.span, profile.sampleLocationStarts.span)
        switch profile.sampleLocations.form {
        case .narrow(let stacks): add(samples, values: values, stacks: stacks.span, starts: starts)
        case .wide(let stacks): add(samples, values: values, stacks: stacks.span, starts: starts)
        }
    }

    private mutating func add<Index: FixedWidthInteger>(
        _ samples: Range<Int>, values: Span<Int64>, stacks: Span<Index>, starts: Span<UInt32>
    ) {
        precondition(samples.upperBound < starts.count && values.count >= samples.upperBound * typeCount)
        let flat = buffers.flat
        let cum = buffers.cum
        let seenStamp = buffers.seenStamp
        let cachedChild = buffers.cachedChild
        let cachedEdge = buffers.cachedEdge
        let locationStarts = buffers.locationStarts
        let locationNodes = buffers.locationNodes
        let kept = buffers.kept
        for sample in samples {
            let weight = values[unchecked: sample &* typeCount &+ valueIndex]
            if weight == 0 { continue }
            let stamp = Int32(truncatingIfNeeded: sample)
            var parent: Int32 = -1
            var parentSlot = 0
            var residual = false
            var frame = Int(starts[unchecked: sample + 1])
            let first = Int(starts[unchecked: sample])
            while frame > first {
                frame -= 1
                let location = Int(stacks[unchecked: frame])
                let lower = Int(locationStarts[location])
                var slot = Int(locationStarts[location + 1])
                let outermost = slot - 1
                while slot > lower {
                    slot -= 1
                    let node = locationNodes[slot]
                    if !kept[Int(node)] {
                        residual = true
                        continue
                    }
                    if seenStamp[Int(node)] != stamp {
                        seenStamp[Int(node)] = stamp
                        cum[Int(node)] &+= weight
                        tags?.add(node: node, sample: sample, weight: weight, flat: false)
                    }
                    if makeEdges && parent >= 0 && node != parent {
                        var edge = cachedEdge[parentSlot]
                        var isNew = false
                        if cachedChild[parentSlot] != node {
                            (edge, isNew) = edgeMap.findOrInsert(source: parent, destination: node, nextIndex: Int32(edges.count))
                            cachedChild[parentSlot] = node
                            cachedEdge[parentSlot] = edge
                        }
                        edges.add(
                            edge, isNew: isNew, source: parent, destination: node, weight: weight,
                            stamp: stamp, residual: residual, inline: slot != outermost)
                    }
                    parent = node
                    parentSlot = slot
                    residual = false
                }
            }
            if parent >= 0 && !residual {
                flat[Int(parent)] &+= weight
                tags?.add(node: parent, sample: sample, weight: weight, flat: true)
            }
        }
    }

    /// The sums so far; the walk's buffers are freed.
    consuming func finish() -> GraphAccumulation {
        GraphAccumulation(flat: Array(buffers.flat), cum: Array(buffers.cum), edges: edges, edgeMap: edgeMap, tags: tags)
    }
}

/// The arrays one `GraphWalk` reads and writes per node and per location
/// slot, allocated once and freed with the walk: a copy of the table's
/// location-to-node index and of the kept mask; flat and cum per node, the
/// sample that last counted each node, and per location slot the child and
/// edge it last led to (a call site almost always calls the same function,
/// so this skips most edge lookups).
struct GraphWalkBuffers: ~Copyable {
    let locationStarts: UnsafeMutableBufferPointer<Int32>
    let locationNodes: UnsafeMutableBufferPointer<Int32>
    let kept: UnsafeMutableBufferPointer<Bool>
    let flat: UnsafeMutableBufferPointer<Int64>
    let cum: UnsafeMutableBufferPointer<Int64>
    let seenStamp: UnsafeMutableBufferPointer<Int32>
    let cachedChild: UnsafeMutableBufferPointer<Int32>
    let cachedEdge: UnsafeMutableBufferPointer<Int32>

    init(table: NodeTable, kept keptMask: [Bool]) {
        let nodeCount = table.count
        let slotCount = table.locationNodes.count
        precondition(keptMask.count == nodeCount, "one kept flag per node")
        locationStarts = .allocate(capacity: table.locationStarts.count)
        _ = locationStarts.initialize(from: table.locationStarts)
        locationNodes = .allocate(capacity: slotCount)
        _ = locationNodes.initialize(from: table.locationNodes)
        kept = .allocate(capacity: nodeCount)
        _ = kept.initialize(from: keptMask)
        flat = .allocate(capacity: nodeCount)
        flat.initialize(repeating: 0)
        cum = .allocate(capacity: nodeCount)
        cum.initialize(repeating: 0)
        seenStamp = .allocate(capacity: nodeCount)
        seenStamp.initialize(repeating: -1)
        cachedChild = .allocate(capacity: slotCount)
        cachedChild.initialize(repeating: -1)
        cachedEdge = .allocate(capacity: slotCount)
        cachedEdge.initialize(repeating: 0)
    }

    deinit {
        for buffer in [flat, cum] { buffer.deallocate() }
        for buffer in [seenStamp, cachedChild, cachedEdge, locationStarts, locationNodes] { buffer.deallocate() }
        kept.deallocate()
    }
}

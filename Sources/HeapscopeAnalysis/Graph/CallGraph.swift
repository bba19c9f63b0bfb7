import Foundation
import HeapscopeProfile

/// A call graph: pprof's `graph.Graph`. Nodes carry flat and cumulative
/// values of one sample column; edges carry the caller -> callee weight.
public struct CallGraph: Sendable {
    /// The node table the graph's node ids refer to.
    public let table: NodeTable
    /// The nodes with a non-zero flat or cum value, in the current order.
    public var nodes: [Int32]
    /// Flat and cum value of every node of the table (0 for absent ones).
    public var flat: [Int64]
    public var cum: [Int64]
    /// All edges; removed ones are marked in `edgeRemoved`.
    public var edges: [Edge]
    var edgeRemoved: [Bool]
    /// The nodes' tags, when the build options asked for them.
    public var tags: GraphTags?

    /// A caller -> callee edge.
    public struct Edge: Sendable {
        public var source: Int32
        public var destination: Int32
        public var weight: Int64
        /// The edge skips nodes that were dropped from the graph.
        public var residual: Bool
        /// Every call along this edge was inlined.
        public var inline: Bool
    }

    /// The edges still in the graph.
    public var liveEdges: [Edge] {
        edges.indices.filter { !edgeRemoved[$0] }.map { edges[$0] }
    }

    /// Incoming live edges of every node.
    public func incomingEdges() -> [[Int]] {
        var incoming = [[Int]](repeating: [], count: table.count)
        for (index, edge) in edges.enumerated() where !edgeRemoved[index] {
            incoming[Int(edge.destination)].append(index)
        }
        return incoming
    }

    /// Outgoing live edges of every node.
    public func outgoingEdges() -> [[Int]] {
        var outgoing = [[Int]](repeating: [], count: table.count)
        for (index, edge) in edges.enumerated() where !edgeRemoved[index] {
            outgoing[Int(edge.source)].append(index)
        }
        return outgoing
    }

    /// Removes edges whose |weight| is below `cutoff`; returns how many.
    @discardableResult
    public mutating func trimEdges(below cutoff: Int64) -> Int {
        var dropped = 0
        let present = presentMask()
        for index in edges.indices where !edgeRemoved[index] && present[Int(edges[index].destination)] {
            if magnitude(edges[index].weight) < cutoff {
                edgeRemoved[index] = true
                dropped += 1
            }
        }
        return dropped
    }

    /// Marks an edge removed.
    public mutating func removeEdge(_ index: Int) { edgeRemoved[index] = true }

    /// True for every node id that is in `nodes`.
    public func presentMask() -> [Bool] {
        var mask = [Bool](repeating: false, count: table.count)
        for node in nodes { mask[Int(node)] = true }
        return mask
    }

    /// The sum of flat over the graph's nodes (signed).
    public var flatSum: Int64 { nodes.reduce(0) { $0 &+ flat[Int($1)] } }
}

@inline(__always) func magnitude(_ value: Int64) -> Int64 { value < 0 ? 0 &- value : value }

/// Options for building a graph from samples.
public struct GraphBuildOptions: Sendable {
    /// The sample column whose values the graph sums.
    public var sampleIndex: Int
    /// Leave out nodes with flat < 0, or flat == 0 and cum < 0.
    public var dropNegative: Bool
    /// When set, collect the nodes' tags (DOT nodelets), naming numeric
    /// tags in this output unit. Nil keeps the builder's hot path tag-free.
    public var tagUnit: String?
    /// False sums only flat and cum, which is cheaper (no edges are made).
    public var edges: Bool
    public init(sampleIndex: Int, dropNegative: Bool = false, tagUnit: String? = nil, edges: Bool = true) {
        self.sampleIndex = sampleIndex
        self.dropNegative = dropNegative
        self.tagUnit = tagUnit
        self.edges = edges
    }
}

extension CallGraph {
    /// Builds the graph of `profile` over `table` in one pass over the
    /// samples (pprof's `newGraph`): cum counts once per sample even through
    /// recursion, edges once per sample, flat goes to the leaf node. When
    /// `kept` is given, other nodes are left out and paths through them
    /// become residual edges.
    public init(profile: Profile, table: NodeTable, options: GraphBuildOptions, kept: [Bool]? = nil) {
        self.init(profile: profile, table: table, options: options, kept: kept, partitions: nil)
    }

    /// `partitions` forces how many ranges the samples are split into (tests).
    init(profile: Profile, table: NodeTable, options: GraphBuildOptions, kept: [Bool]?, partitions: Int?) {
        let nodeCount = table.count
        let keptMask = kept ?? [Bool](repeating: true, count: nodeCount)
        let sampleCount = profile.sampleCount
        // Large profiles are split into ranges of samples summed on separate
        // cores; the sums are exact because each sample lies in one range.
        // Tags keep the first value seen per tag, so they are summed in order.
        let tagCollector = options.tagUnit.map { TagCollector(profile: profile, outputUnit: $0) }
        let parts = tagCollector != nil ? 1
            : max(1, partitions ?? (sampleCount >= 100_000 ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1))
        let results = PartialResults(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (sampleCount * part / parts)..<(sampleCount * (part + 1) / parts)
            results.store(GraphAccumulation(samples: range, profile: profile, table: table,
                                            valueIndex: options.sampleIndex, kept: keptMask, tags: tagCollector,
                                            edges: options.edges), at: part)
        }
        var total = results.take(0)
        for part in 1..<parts { total.add(results.take(part)) }

        let flat = total.flat, cum = total.cum
        var nodes: [Int32] = []
        for node in 0..<nodeCount where !(cum[node] == 0 && flat[node] == 0) && keptMask[node] {
            if options.dropNegative && (flat[node] < 0 || (flat[node] == 0 && cum[node] < 0)) { continue }
            nodes.append(Int32(node))
        }
        self.table = table
        self.nodes = nodes
        self.flat = flat
        self.cum = cum
        self.edges = total.edges.edges
        self.edgeRemoved = [Bool](repeating: false, count: total.edges.count)
        self.tags = total.tags?.result
    }
}

/// Per-range graph sums, filled in concurrently.
private final class PartialResults: @unchecked Sendable {
    private var slots: [GraphAccumulation?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: GraphAccumulation, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }
    func take(_ index: Int) -> GraphAccumulation {
        lock.lock(); defer { lock.unlock() }
        return slots[index] ?? GraphAccumulation()
    }
}

/// Flat, cum and edge sums over a range of samples (pprof's `newGraph` loop).
struct GraphAccumulation {
    var flat: [Int64] = []
    var cum: [Int64] = []
    var edges = EdgeAccumulator()
    var edgeMap = EdgeMap()
    var tags: TagCollector?

    init() {}

    /// Walks each sample from root to leaf: cum once per sample and node,
    /// each edge once per sample, flat to the leaf node. Nodes outside
    /// `kept` are skipped and make the next edge residual.
    init(samples: Range<Int>, profile: Profile, table: NodeTable, valueIndex: Int, kept: [Bool], tags: TagCollector?, edges makeEdges: Bool) {
        var tags = tags
        let nodeCount = table.count
        var flat = [Int64](repeating: 0, count: nodeCount)
        var cum = [Int64](repeating: 0, count: nodeCount)
        var seenStamp = [Int32](repeating: -1, count: nodeCount)
        var edgeMap = EdgeMap()
        var edges = EdgeAccumulator()
        // The edge last taken out of each location slot: a call site almost
        // always calls the same function, so this skips most hash lookups.
        var cachedChild = [Int32](repeating: -1, count: table.locationNodes.count)
        var cachedEdge = [Int32](repeating: 0, count: table.locationNodes.count)
        let typeCount = profile.sampleTypes.count

        profile.sampleValues.withUnsafeBufferPointer { values in
        profile.sampleLocations.withUnsafeBufferPointer { stacks in
        profile.sampleLocationStarts.withUnsafeBufferPointer { starts in
        table.locationStarts.withUnsafeBufferPointer { locationStarts in
        table.locationNodes.withUnsafeBufferPointer { locationNodes in
        kept.withUnsafeBufferPointer { isKept in
        flat.withUnsafeMutableBufferPointer { flat in
        cum.withUnsafeMutableBufferPointer { cum in
        seenStamp.withUnsafeMutableBufferPointer { seenStamp in
        cachedChild.withUnsafeMutableBufferPointer { cachedChild in
        cachedEdge.withUnsafeMutableBufferPointer { cachedEdge in
            for sample in samples {
                let weight = values[sample &* typeCount &+ valueIndex]
                if weight == 0 { continue }
                let stamp = Int32(truncatingIfNeeded: sample)
                var parent: Int32 = -1
                var parentSlot = 0
                var residual = false
                var frame = Int(starts[sample + 1])
                let first = Int(starts[sample])
                while frame > first {
                    frame -= 1
                    let location = Int(stacks[frame])
                    let lower = Int(locationStarts[location])
                    var slot = Int(locationStarts[location + 1])
                    let outermost = slot - 1
                    while slot > lower {
                        slot -= 1
                        let node = locationNodes[slot]
                        if !isKept[Int(node)] {
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
                            edges.add(edge, isNew: isNew, source: parent, destination: node, weight: weight,
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
        }}}}}}}}}}}
        self.flat = flat
        self.cum = cum
        self.edges = edges
        self.edgeMap = edgeMap
        self.tags = tags
    }

    /// Adds the sums of another range of samples.
    mutating func add(_ other: GraphAccumulation) {
        for node in flat.indices {
            flat[node] &+= other.flat[node]
            cum[node] &+= other.cum[node]
        }
        for edge in other.edges.edges {
            let (index, isNew) = edgeMap.findOrInsert(source: edge.source, destination: edge.destination, nextIndex: Int32(edges.count))
            edges.merge(edge, into: index, isNew: isNew)
        }
    }
}

/// Edge weights as they accumulate, counting each edge once per sample.
struct EdgeAccumulator {
    var edges: [CallGraph.Edge] = []
    private var stamps: [Int32] = []
    var count: Int { edges.count }

    @inline(__always)
    mutating func add(_ edge: Int32, isNew: Bool, source: Int32, destination: Int32, weight: Int64,
                      stamp: Int32, residual: Bool, inline: Bool) {
        if isNew {
            edges.append(CallGraph.Edge(source: source, destination: destination, weight: weight, residual: residual, inline: inline))
            stamps.append(stamp)
            return
        }
        let index = Int(edge)
        guard stamps[index] != stamp else { return }
        stamps[index] = stamp
        edges[index].weight &+= weight
        if residual { edges[index].residual = true }
        if !inline { edges[index].inline = false }
    }

    /// Folds in an edge summed over another range of samples.
    mutating func merge(_ edge: CallGraph.Edge, into index: Int32, isNew: Bool) {
        if isNew {
            edges.append(edge)
            stamps.append(-1)
            return
        }
        edges[Int(index)].weight &+= edge.weight
        if edge.residual { edges[Int(index)].residual = true }
        if !edge.inline { edges[Int(index)].inline = false }
    }
}

/// An open-addressing hash map from (source, destination) node pairs to
/// edge indices: the graph builder's hot path.
struct EdgeMap {
    private var keys: [UInt64]
    private var values: [Int32]
    private var count = 0
    private var mask: Int

    init() {
        keys = [UInt64](repeating: .max, count: 1024)
        values = [Int32](repeating: 0, count: 1024)
        mask = 1023
    }

    @inline(__always)
    mutating func findOrInsert(source: Int32, destination: Int32, nextIndex: Int32) -> (Int32, Bool) {
        let key = UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: destination))
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let existing = keys[slot]
            if existing == key { return (values[slot], false) }
            if existing == .max {
                keys[slot] = key
                values[slot] = nextIndex
                count += 1
                if count * 2 > mask { grow() }
                return (nextIndex, true)
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let capacity = (mask + 1) * 2
        keys = [UInt64](repeating: .max, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for (index, key) in oldKeys.enumerated() where key != .max {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while keys[slot] != .max { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}

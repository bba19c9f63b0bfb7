import HeapscopeProfile

/// The profile's distinct stacks with the summed value of the chosen sample
/// column: what folded stacks and speedscope files list. Samples whose
/// frames are the same node sequence (at the report's granularity) count
/// together whatever their labels; stacks that sum to zero and empty
/// stacks are left out, so the values sum to the total of the samples.
public struct StackGroups: Sendable {
    /// Stack `i` is `frames[starts[i]..<starts[i + 1]]`, root first, as
    /// indices into `table`.
    public private(set) var starts: [Int] = [0]
    public private(set) var frames: [Int32] = []
    /// Stack `i`'s summed value.
    public private(set) var values: [Int64] = []
    /// Names and node facts for the frame indices.
    public let table: NodeTable
    /// True when some stack sums to a negative value (a `--base` or
    /// `--diff-base` profile).
    public var hasNegative: Bool { values.contains { $0 < 0 } }

    public var count: Int { values.count }

    /// Stack `index`'s frames, root first.
    public func stack(_ index: Int) -> ArraySlice<Int32> {
        frames[starts[index]..<starts[index + 1]]
    }

    /// Groups the context's samples by stack, in order of first appearance.
    public init(context: ReportContext) {
        table = context.table
        switch context.profile.sampleLocations.form {
        case .narrow(let stacks): stacks.withUnsafeBufferPointer { group($0, context: context) }
        case .wide(let stacks): stacks.withUnsafeBufferPointer { group($0, context: context) }
        }
        if values.contains(0) { dropZeroStacks() }
    }

    /// Adds the context's samples, whose stacks are `stacks`, to the groups.
    private mutating func group<Index: FixedWidthInteger>(_ stacks: UnsafeBufferPointer<Index>, context: ReportContext) {
        let (profile, table) = (context.profile, table)
        var index = HashSlots()
        var scratch: [Int32] = []
        scratch.reserveCapacity(64)
        let typeCount = profile.sampleTypes.count
        let column = context.sampleIndex
        // Raw buffers: the walk touches every frame of every sample.
        profile.sampleLocationStarts.withUnsafeBufferPointer { stackStarts in
            profile.sampleValues.withUnsafeBufferPointer { sampleValues in
                table.locationStarts.withUnsafeBufferPointer { nodeStarts in
                    table.locationNodes.withUnsafeBufferPointer { nodes in
                        for sample in 0..<(stackStarts.count - 1) {
                            let value = sampleValues[sample &* typeCount &+ column]
                            if value == 0 { continue }
                            scratch.removeAll(keepingCapacity: true)
                            var position = Int(stackStarts[sample + 1])
                            let stackStart = Int(stackStarts[sample])
                            while position > stackStart {
                                position -= 1
                                let location = Int(stacks[position])
                                var node = Int(nodeStarts[location + 1])
                                let first = Int(nodeStarts[location])
                                while node > first {
                                    node -= 1
                                    scratch.append(nodes[node])
                                }
                            }
                            if scratch.isEmpty { continue }
                            let hash = Self.hash(scratch)
                            let found = index.find(hash) { group in
                                frames[starts[group]..<starts[group + 1]].elementsEqual(scratch)
                            }
                            if let found {
                                values[found] &+= value
                                continue
                            }
                            index.append(hash)
                            frames.append(contentsOf: scratch)
                            starts.append(frames.count)
                            values.append(value)
                        }
                    }
                }
            }
        }
    }

    /// Removes the stacks whose samples cancelled out.
    private mutating func dropZeroStacks() {
        var keptStarts = [0]
        var keptFrames: [Int32] = []
        var keptValues: [Int64] = []
        for index in values.indices where values[index] != 0 {
            keptFrames.append(contentsOf: stack(index))
            keptStarts.append(keptFrames.count)
            keptValues.append(values[index])
        }
        (starts, frames, values) = (keptStarts, keptFrames, keptValues)
    }

    /// FNV-1a over the node indices, its halves mixed into 32 bits (FNV's
    /// low bits depend only on the inputs' low bits).
    private static func hash(_ nodes: [Int32]) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for node in nodes {
            hash = (hash ^ UInt64(UInt32(bitPattern: node))) &* 0x0000_0100_0000_01b3
        }
        return UInt32(truncatingIfNeeded: ((hash ^ (hash >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
}

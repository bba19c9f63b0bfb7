import HeapscopeProfile

/// Builds a `FlameTree` one depth at a time: every sample still in the tree
/// takes one step from the root towards its leaf, the steps are summed per
/// (parent, frame), and children under the pruning threshold end their
/// samples' walk there. Work stops where frames get too narrow instead of
/// at every leaf, so a million distinct stacks cost a few passes.
struct FlameTreeBuilder {
    /// Level-order nodes: parent, NodeTable node (-1 for the root), values.
    private(set) var parent: [Int32] = [-1]
    private(set) var tableNode: [Int32] = [-1]
    private(set) var values: [Int64]
    private(set) var baseValues: [Int64] = []
    private(set) var prunedPaths = 0
    let isDiff: Bool

    private let profile: Profile
    private let table: NodeTable
    private let columns: Int
    /// Per column: the width a frame needs to be kept.
    private let thresholds: [Int64]
    private let baseKey: Int32?

    init(context: ReportContext, minFraction: Double) {
        profile = context.profile
        table = context.table
        columns = profile.sampleTypes.count
        baseKey = profile.strings.firstIndex(of: DiffLabel.key).map { Int32($0) }
        isDiff = baseKey != nil
        values = [Int64](repeating: 0, count: columns)
        if isDiff { baseValues = values }
        var widths = [Int64](repeating: 0, count: columns)
        for (position, value) in profile.sampleValues.enumerated() { widths[position % max(columns, 1)] &+= magnitude(value) }
        thresholds = widths.map { max(1, Measurement.truncate((Double($0) * minFraction).rounded(.up))) }
    }

    /// Where each sample still being walked is: its tree node and the next
    /// frame (an index into the profile's locations of the stack and into
    /// that location's NodeTable nodes, walked root first).
    private struct Walkers {
        var sample: [Int32] = []
        var node: [Int32] = []
        var location: [Int32] = []
        var frame: [Int32] = []
        var isBase: [Bool] = []
    }

    mutating func build() {
        var walkers = Walkers()
        for sample in 0..<profile.sampleCount {
            let start = Int(profile.sampleLocationStarts[sample])
            let end = Int(profile.sampleLocationStarts[sample + 1])
            let isBase = ReportContext.isBaseSample(sample, of: profile, baseKey: baseKey)
            var nonZero = false
            for column in 0..<columns {
                let value = profile.sampleValues[sample * columns + column]
                nonZero = nonZero || value != 0
                add(value, isBase: isBase, node: 0, column: column, level: &values, base: &baseValues)
            }
            guard nonZero, end > start else { continue }
            walkers.sample.append(Int32(sample))
            walkers.node.append(0)
            walkers.location.append(Int32(end))
            walkers.frame.append(0)
            walkers.isBase.append(isBase)
        }
        while !walkers.sample.isEmpty {
            walkers = step(walkers)
        }
    }

    @inline(__always)
    private func add(_ value: Int64, isBase: Bool, node: Int, column: Int, level: inout [Int64], base: inout [Int64]) {
        if isBase {
            base[node * columns + column] &-= value
        } else {
            level[node * columns + column] &+= value
        }
    }

    /// Moves every walker one frame down; returns the walkers still in the tree.
    private mutating func step(_ walkers: Walkers) -> Walkers {
        var childOf: [Int64: Int32] = [:]
        childOf.reserveCapacity(min(walkers.sample.count, 1 << 16))
        var childParent: [Int32] = []
        var childTableNode: [Int32] = []
        var levelValues: [Int64] = []
        var levelBase: [Int64] = []
        var moved = Walkers()
        var movedChild: [Int32] = []
        for index in walkers.sample.indices {
            let sample = Int(walkers.sample[index])
            var location = Int(walkers.location[index])
            var frame = Int(walkers.frame[index])
            let stackStart = Int(profile.sampleLocationStarts[sample])
            if location < Int(profile.sampleLocationStarts[sample + 1]),
                frame > Int(table.locationStarts[Int(profile.sampleLocations[location])])
            {
                frame -= 1
            } else {
                location -= 1
                if location < stackStart { continue }
                frame = Int(table.locationStarts[Int(profile.sampleLocations[location]) + 1]) - 1
            }
            let node = table.locationNodes[frame]
            let key = Int64(walkers.node[index]) << 32 | Int64(UInt32(bitPattern: node))
            let child: Int32
            if let known = childOf[key] {
                child = known
            } else {
                child = Int32(childParent.count)
                childOf[key] = child
                childParent.append(walkers.node[index])
                childTableNode.append(node)
                levelValues.append(contentsOf: repeatElement(0, count: columns))
                if isDiff { levelBase.append(contentsOf: repeatElement(0, count: columns)) }
            }
            let isBase = walkers.isBase[index]
            for column in 0..<columns {
                add(
                    profile.sampleValues[sample * columns + column], isBase: isBase, node: Int(child), column: column,
                    level: &levelValues, base: &levelBase)
            }
            moved.sample.append(Int32(sample))
            moved.location.append(Int32(location))
            moved.frame.append(Int32(frame))
            moved.isBase.append(isBase)
            movedChild.append(child)
        }
        var globalID = [Int32](repeating: -1, count: childParent.count)
        for child in childParent.indices {
            var wide = false
            for column in 0..<columns {
                let width =
                    magnitude(levelValues[child * columns + column]) &+ (isDiff ? magnitude(levelBase[child * columns + column]) : 0)
                if width >= thresholds[column] {
                    wide = true
                    break
                }
            }
            guard wide else {
                prunedPaths += 1
                continue
            }
            globalID[child] = Int32(parent.count)
            parent.append(childParent[child])
            tableNode.append(childTableNode[child])
            values.append(contentsOf: levelValues[child * columns..<(child + 1) * columns])
            if isDiff { baseValues.append(contentsOf: levelBase[child * columns..<(child + 1) * columns]) }
        }
        var alive = Walkers()
        for index in moved.sample.indices where globalID[Int(movedChild[index])] >= 0 {
            alive.sample.append(moved.sample[index])
            alive.node.append(globalID[Int(movedChild[index])])
            alive.location.append(moved.location[index])
            alive.frame.append(moved.frame[index])
            alive.isBase.append(moved.isBase[index])
        }
        return alive
    }
}

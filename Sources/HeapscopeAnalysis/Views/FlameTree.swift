import HeapscopeProfile

/// A flame graph as data: every distinct call path from the root, with its
/// cumulative value in every sample column, identical stacks merged and
/// frames narrower than `minFraction` of the profile pruned.
///
/// With a `--diff-base` profile the samples of the base (labelled
/// `pprof::base`) are kept apart: `values` holds the new profile and
/// `baseValues` the base, both positive, so a page can size frames by
/// both and colour them by the change.
public struct FlameTree: Sendable {
    /// Frame names; `nameIndex` refers to them.
    public private(set) var names: [String] = []
    /// Pre-order: node 0 is the root (name index -1); each node's children
    /// follow it, sorted by name.
    public private(set) var nameIndex: [Int32] = []
    /// Each node's parent (-1 for the root); parents come before children.
    public private(set) var parent: [Int32] = []
    /// `values[node * columnCount + column]`: the node's cumulative value
    /// (the new side in a diff).
    public private(set) var values: [Int64] = []
    /// A diff's base side, laid out as `values`; empty without a diff base.
    public private(set) var baseValues: [Int64] = []
    public let sampleTypes: [ValueType]
    /// The column the report selected (`--sample-index`).
    public let selectedColumn: Int
    /// pprof's percentage denominators per column (the base's total in a diff).
    public let totals: [Int64]
    /// Frames narrower than this fraction of Σ|value| (in every column) are left out.
    public let minFraction: Double
    /// Call paths left out by `minFraction` (their value stays in their parent).
    public private(set) var prunedPaths = 0

    public var isDiff: Bool { !baseValues.isEmpty }
    public var count: Int { parent.count }
    public var columnCount: Int { sampleTypes.count }

    /// The default fraction: a frame under 0.1% of the total would be less
    /// than two pixels wide on a 1,920-pixel page.
    public static let defaultMinFraction = 0.001

    public func value(_ node: Int, column: Int) -> Int64 { values[node * columnCount + column] }
    public func baseValue(_ node: Int, column: Int) -> Int64 { isDiff ? baseValues[node * columnCount + column] : 0 }
    /// How wide the node is drawn: |value| + |base value|.
    public func width(_ node: Int, column: Int) -> Int64 {
        magnitude(value(node, column: column)) &+ magnitude(baseValue(node, column: column))
    }
    /// The node's frame name ("" for the root).
    public func name(_ node: Int) -> String { nameIndex[node] < 0 ? "" : names[Int(nameIndex[node])] }

    public init(context: ReportContext, minFraction: Double = defaultMinFraction) {
        sampleTypes = context.profile.resolvedSampleTypes
        selectedColumn = context.sampleIndex
        totals = context.totals
        self.minFraction = minFraction
        var builder = FlameTreeBuilder(context: context, minFraction: minFraction)
        builder.build()
        prunedPaths = builder.prunedPaths
        storeInPreOrder(builder, table: context.table)
    }

    /// Renumbers the level-order nodes of `builder` in pre-order, children by name.
    private mutating func storeInPreOrder(_ builder: FlameTreeBuilder, table: NodeTable) {
        let columns = columnCount
        let diff = builder.isDiff
        var nameOfTableNode: [Int32: Int32] = [:]
        var nameIndexOfName: [String: Int32] = [:]
        func nameIndex(of tableNode: Int32) -> Int32 {
            if tableNode < 0 { return -1 }
            if let known = nameOfTableNode[tableNode] { return known }
            let name = table.printableNames[Int(tableNode)]
            let index = nameIndexOfName[name] ?? Int32(names.count)
            if index == Int32(names.count) {
                names.append(name)
                nameIndexOfName[name] = index
            }
            nameOfTableNode[tableNode] = index
            return index
        }
        var children = [[Int32]](repeating: [], count: builder.parent.count)
        for node in 1..<builder.parent.count { children[Int(builder.parent[node])].append(Int32(node)) }
        var stack: [(node: Int32, parent: Int32)] = [(0, -1)]
        while let (node, newParent) = stack.popLast() {
            let id = Int32(parent.count)
            parent.append(newParent)
            self.nameIndex.append(nameIndex(of: builder.tableNode[Int(node)]))
            let range = Int(node) * columns..<(Int(node) + 1) * columns
            values.append(contentsOf: builder.values[range])
            if diff { baseValues.append(contentsOf: builder.baseValues[range]) }
            let sorted = children[Int(node)].sorted {
                let a = table.printableNames[Int(builder.tableNode[Int($0)])]
                let b = table.printableNames[Int(builder.tableNode[Int($1)])]
                return a != b ? CallGraph.goLess(a, b) : $0 < $1
            }
            for child in sorted.reversed() { stack.append((child, id)) }
        }
    }
}

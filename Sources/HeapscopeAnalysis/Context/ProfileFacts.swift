import HeapscopeProfile

/// What the legend says about the profile itself (pprof's ProfileLabels).
public struct ProfileFacts: Sendable, Equatable {
    /// Base name of the main binary, if known.
    public var file: String?
    public var buildID: String?
    /// Comments not starting with `#`.
    public var comments = LegendComments()
    public var sampleType: String = ""
    public var timeNanos: Int64 = 0
    public var durationNanos: Int64 = 0
}

/// What the legend says about pruning (pprof's reportLabels).
public struct PruneFacts: Sendable, Equatable {
    /// Sum of flat over the nodes shown.
    public var shownFlat: Int64 = 0
    public var total: Int64 = 0
    public var droppedNodes: Int = 0
    /// |total × node fraction|, as printed in "Dropped N nodes (cum <= X)".
    public var nodeCutoff: Int64 = 0
    public var droppedEdges: Int = 0
    /// |total × edge fraction|.
    public var edgeCutoff: Int64 = 0
    public var shownNodes: Int = 0
    public var originalCount: Int = 0

    public init() {}

    public init(trimmed: TrimmedGraph, total: Int64, prune: PruneOptions) {
        shownFlat = trimmed.graph.flatSum
        self.total = total
        droppedNodes = trimmed.droppedNodes
        nodeCutoff = magnitude(Measurement.truncate(Double(total) * prune.nodeFraction))
        droppedEdges = trimmed.droppedEdges
        edgeCutoff = magnitude(Measurement.truncate(Double(total) * prune.edgeFraction))
        shownNodes = trimmed.graph.nodes.count
        originalCount = trimmed.originalCount
    }
}

/// The comments a legend shows: the profile's comments that do not start
/// with `#`, read from its string table one at a time as they are written.
/// It shares the profile's 4-byte comment indices, so a profile of millions
/// of comments costs no `String` per comment.
public struct LegendComments: Sequence, Sendable, Equatable {
    private let strings: StringTable
    private let indices: [Int32]

    /// No comments.
    public init() {
        strings = [""]
        indices = []
    }

    /// `profile`'s comments not starting with `#`.
    public init(of profile: Profile) {
        strings = profile.strings
        indices = profile.commentIndices
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let strings: StringTable
        fileprivate var indices: IndexingIterator<[Int32]>

        public mutating func next() -> String? {
            while let index = indices.next() {
                let comment = index >= 0 && Int(index) < strings.count ? strings[Int(index)] : ""
                if !comment.hasPrefix("#") { return comment }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(strings: strings, indices: indices.makeIterator()) }

    public static func == (lhs: LegendComments, rhs: LegendComments) -> Bool { lhs.elementsEqual(rhs) }
}

/// What a node's series did over a series of snapshots.
public enum TrendVerdict: String, Sendable, CaseIterable {
    /// Rose steadily (no drop above the noise floor) or, judged as a whole,
    /// rises by Mann–Kendall and Sen's slope. Steps count.
    case growing
    /// Grew, then reached a level and held it: a cache warming up, a pool
    /// reaching its size. Not a leak suspect.
    case plateau
    /// The mirror of growing.
    case shrinking
    /// Every value within the noise floor of every other.
    case stable
    /// Moves by more than the noise floor, but neither up nor down steadily.
    case fluctuating
    /// Absent from the first snapshot, present in the last, not growing since.
    case new
    /// Present in the first snapshot, absent from the last.
    case gone
}

/// Which of a node's values the verdict judges.
public enum TrendBasis: String, Sendable, CaseIterable {
    /// Memory allocated by the node itself (allocation sites).
    case flat
    /// Memory allocated by the node and everything it calls.
    case cum
}

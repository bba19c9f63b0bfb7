/// How a suspect's memory is made up, from the last snapshot.
public struct TrendExplanation: Sendable {
    /// The largest allocation block sizes (the `bytes` label) and the value
    /// held in blocks of that size, largest first (at most three).
    public var blockSizes: [(size: Int64, value: Int64)]
    /// The value of the matching in-use and allocated columns (inuse_space
    /// and alloc_space, or the objects pair), when the profile has both.
    public var inuse: Int64?
    public var allocated: Int64?
}

/// How a profile's samples are changed as they are merged.
public struct SampleTransform: Sendable {
    /// Every value scaled by -1, as pprof's `Scale(-1)` does for a base.
    public var negated: Bool
    /// Every sample labelled `key`=`value` (pprof's `SetLabel`), replacing
    /// its labels with that key.
    public var label: (key: String, value: String)?

    public init(negated: Bool = false, label: (key: String, value: String)? = nil) {
        self.negated = negated
        self.label = label
    }

    /// Samples as they are.
    public static let unchanged = SampleTransform()
    var isUnchanged: Bool { !negated && label == nil }
}

/// Merges profiles one at a time (pprof's `Merge`), so a caller can decode
/// a profile, add it and let it go before decoding the next: memory holds
/// the merged samples and one input, not every input at once.
public struct ProfileAccumulator {
    private var merger: Merger?
    /// A lone unchanged profile, returned as it is when nothing else comes.
    private var pending: Profile?

    public init() {}

    /// The number of profiles added.
    public private(set) var count = 0

    /// Adds `profile`, changed by `transform`. Throws when its period or
    /// sample types differ from the first profile's.
    public mutating func add(_ profile: Profile, as transform: SampleTransform = .unchanged) throws(ProfileError) {
        // The first profile's types are the lone profile's or the merged ones.
        if let first = pending ?? merger?.result { try ProfileMerger.checkCompatible(first, profile) }
        count += 1
        if count == 1 && transform.isUnchanged {
            pending = profile
            return
        }
        if merger == nil { merger = Merger(header: profile) }
        if let lone = pending {
            pending = nil
            merger?.add(lone, as: .unchanged)
        }
        merger?.add(profile, as: transform)
    }

    /// The merged profile, validated; a single unchanged profile as it is.
    public mutating func finish() throws(ProfileError) -> Profile {
        if let pending {
            self.pending = nil
            return pending
        }
        guard var merger else { throw .incompatible("no profiles to merge") }
        self.merger = nil
        var merged = merger.finish()
        try ProfileValidator.validate(&merged)
        return merged
    }
}

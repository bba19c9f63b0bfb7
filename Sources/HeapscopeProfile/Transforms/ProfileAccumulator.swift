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

/// What a merge must keep of the samples.
public enum MergedSamples: Sendable {
    /// pprof's merge: samples with the same stack and labels summed into
    /// one, in the order each was first seen. Views that show samples one
    /// by one or in order need it (traces, tags, dot's tags, flame, export).
    case pprof
    /// Only what sums over samples need: identical samples may stay apart
    /// and come in any order (they are summed when some could cancel out).
    /// The largest profile's sample arrays are kept instead of copied.
    /// Views that sum samples into graph nodes (top, tree, peek, list)
    /// show the same numbers either way.
    case sums
}

/// Merges profiles one at a time (pprof's `Merge`), so a caller can decode
/// a profile, add it and let it go before decoding the next: memory holds
/// the merged samples and one input, not every input at once.
public struct ProfileAccumulator {
    private let samples: MergedSamples
    private var merger: Merger?
    /// A lone unchanged profile, returned as it is when nothing else comes.
    private var pending: Profile?

    /// An empty merge that keeps what `samples` says.
    public init(samples: MergedSamples = .pprof) {
        self.samples = samples
    }

    /// The number of profiles added.
    public private(set) var count = 0

    /// Adds `profile`, changed by `transform`. Throws when its period or
    /// sample types differ from the first profile's. With `.sums`, pass
    /// the only reference to `profile` (`consume`): its sample arrays are
    /// changed in place or taken.
    public mutating func add(_ profile: consuming Profile, as transform: SampleTransform = .unchanged) throws(ProfileError) {
        // The first profile's types are the lone profile's or the merged ones.
        if let first = pending ?? merger?.result { try ProfileMerger.checkCompatible(first, profile) }
        count += 1
        if count == 1 && transform.isUnchanged {
            pending = profile
            return
        }
        if merger == nil { merger = Merger(header: profile) }
        if var lone = pending.take() { merge(&lone, as: .unchanged) }
        merge(&profile, as: transform)
    }

    private mutating func merge(_ profile: inout Profile, as transform: SampleTransform) {
        switch samples {
        case .pprof: merger?.add(profile, as: transform)
        case .sums: merger?.append(&profile, as: transform)
        }
    }

    /// The merged profile, validated; a single unchanged profile as it is.
    public mutating func finish() throws(ProfileError) -> Profile {
        if let pending = pending.take() { return pending }
        guard var merger = merger.take() else { throw .incompatible("no profiles to merge") }
        var merged =
            switch samples {
            case .pprof: merger.finish()
            case .sums: merger.finishAppended()
            }
        try ProfileValidator.validate(&merged)
        return merged
    }
}

import HeapscopeProfile

/// How a base profile is combined with the source, as go tool pprof's
/// `-base` and `-diff_base` do.
public enum DiffMode: Sendable {
    /// `-base`: the base is subtracted; samples with the same stack and
    /// labels cancel, so the result reads as a profile of the difference.
    case subtract
    /// `-diff_base`: the base samples are subtracted but stay distinct
    /// (labelled `pprof::base`), and percentages are of the base's total.
    case compare
}

/// pprof's profile combination for diffs (`fetchProfiles` in
/// internal/driver/fetch.go): the source minus the (merged) base, as one
/// profile every graph view can report on.
public enum ProfileDiff {
    /// Combines `source` with `base`:
    /// 1. with `.compare`, every base sample is labelled `pprof::base=true`;
    /// 2. with `normalize`, the source is scaled per sample type by
    ///    Σbase/Σsource;
    /// 3. the base is scaled by -1 (all-zero samples dropped);
    /// 4. both are merged, so identical samples sum (and cancel).
    /// Throws when the profiles' period or sample types differ.
    public static func combine(source: Profile, base: Profile, mode: DiffMode, normalize: Bool) throws(ProfileError) -> Profile {
        try ProfileMerger.checkCompatible(source, base)
        var source = source
        // pprof has merged the source on its own first, so samples with
        // the same stack and labels are summed before scaling rounds them.
        if normalize { source = ProfileMerger.compact(source).normalized(to: base) }
        var accumulator = ProfileAccumulator()
        try accumulator.add(source)
        try accumulator.add(base, as: baseTransform(mode))
        return try accumulator.finish()
    }

    /// How base samples are merged into the source: negated, and with
    /// `.compare` labelled `pprof::base=true`.
    public static func baseTransform(_ mode: DiffMode) -> SampleTransform {
        SampleTransform(negated: true, label: mode == .compare ? (DiffLabel.key, "true") : nil)
    }
}

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
        var base = base
        if mode == .compare { base = base.settingLabel(key: DiffLabel.key, value: "true") }
        var source = source
        // pprof has merged the source on its own first, so samples with
        // the same stack and labels are summed before scaling rounds them.
        if normalize { source = ProfileMerger.compact(source).normalized(to: base) }
        base = base.scaled(by: [Double](repeating: -1, count: base.sampleTypes.count))
        return try ProfileMerger.merge([source, base])
    }
}

extension Profile {
    /// Σvalue per sample type.
    public var columnTotals: [Int64] {
        let typeCount = sampleTypes.count
        var totals = [Int64](repeating: 0, count: typeCount)
        for (position, value) in sampleValues.enumerated() {
            totals[position % typeCount] &+= value
        }
        return totals
    }

    /// pprof's `SetLabel`: every sample gets the string label `key`=`value`,
    /// replacing its labels with that key.
    public func settingLabel(key: String, value: String) -> Profile {
        var result = self
        var cache: [String: Int32] = [:]
        for text in [key, value] {
            if let index = strings.firstIndex(of: text) { cache[text] = Int32(truncatingIfNeeded: index) }
        }
        let keyIndex = result.intern(key, cache: &cache)
        let valueIndex = result.intern(value, cache: &cache)
        result.labels = []
        result.sampleLabelStarts = [0]
        result.labels.reserveCapacity(labels.count + sampleCount)
        for sample in 0..<sampleCount {
            for label in labels(ofSample: sample) where string(label.key) != key {
                result.labels.append(label)
            }
            result.labels.append(Label(key: keyIndex, str: valueIndex))
            result.sampleLabelStarts.append(UInt32(truncatingIfNeeded: result.labels.count))
        }
        return result
    }

    /// pprof's `ScaleN`: each column with a ratio other than 1 is multiplied
    /// by it and rounded (half away from zero); samples whose scaled columns
    /// all become zero are dropped.
    public func scaled(by ratios: [Double]) -> Profile {
        let typeCount = sampleTypes.count
        guard ratios.count == typeCount, ratios.contains(where: { $0 != 1 }) else { return self }
        var result = self
        result.sampleLocationStarts = [0]
        result.sampleLocations = []
        result.sampleValues = []
        result.sampleLabelStarts = [0]
        result.labels = []
        var values = [Int64](repeating: 0, count: typeCount)
        for sample in 0..<sampleCount {
            var keep = false
            for column in 0..<typeCount {
                var value = self.value(ofSample: sample, index: column)
                if ratios[column] != 1 {
                    value = Measurement.truncate((Double(value) * ratios[column]).rounded())
                    keep = keep || value != 0
                }
                values[column] = value
            }
            if keep {
                result.appendSample(locations: stack(ofSample: sample), values: values, labels: labels(ofSample: sample))
            }
        }
        return result
    }

    /// pprof's `Normalize`: scales each column by Σbase/Σself (0 when
    /// Σself is 0).
    public func normalized(to base: Profile) -> Profile {
        let baseTotals = base.columnTotals
        let ratios = zip(baseTotals, columnTotals).map { baseTotal, total in
            total == 0 ? 0 : Double(baseTotal) / Double(total)
        }
        return scaled(by: ratios)
    }
}

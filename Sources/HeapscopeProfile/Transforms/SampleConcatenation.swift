/// The samples of a merge whose views only sum samples (`MergedSamples.sums`):
/// every sample is kept as it is, identical ones apart and in no particular
/// order. The largest profile's sample arrays are taken over and renumbered
/// in place, and the other profiles' samples are appended to them, so the
/// merge holds its samples once and hashes none of them.
///
/// Summing identical samples changes a sum only where the samples of one
/// key can cancel out; `needsSumming` says when that may have happened.
struct SampleConcatenation {
    /// How one profile's samples are renumbered and changed.
    struct Mapping {
        /// The result's index of each of the profile's locations (nil: the
        /// same index).
        var locations: [UInt32]?
        /// The result's location count (it decides the indices' width).
        var locationCount: Int
        /// The result's index of each of the profile's strings that a label
        /// uses (nil: the same index).
        var strings: [Int32]?
        var negated = false
        /// The label every sample gets, replacing its labels with that key.
        var setLabel: Label?
        /// The result's indices of the label keys the samples keep.
        var labelKeys: Set<Int32> = []

        /// The samples as they are: for samples already in the result's numbering.
        static func identity(locationCount: Int) -> Mapping { Mapping(locations: nil, locationCount: locationCount, strings: nil) }
    }

    private var samples = Samples()
    /// Per label set on a whole profile (nil: none), whether its samples
    /// had positive and negative values.
    private var signs: [Label?: (positive: Bool, negative: Bool)] = [:]
    private var hasMixedSample = false
    private var labelKeys: Set<Int32> = []

    /// Whether summing identical samples could change a sum: a sample with
    /// values of both signs, samples of both signs under the same set label,
    /// or a set label whose key other samples carry too. Samples that share
    /// a key then could cancel out, which pprof's merge drops.
    var needsSumming: Bool {
        hasMixedSample || signs.values.contains { $0.positive && $0.negative }
            || signs.keys.contains { $0.map { labelKeys.contains($0.key) } ?? false }
    }

    /// Adds `profile`'s samples, renumbered and changed by `mapping`; takes
    /// its sample arrays when it has more frames than the samples so far.
    mutating func add(_ profile: inout Profile, _ mapping: Mapping) {
        recordSigns(profile, mapping)
        var added = Samples(taking: &profile)
        if samples.isEmpty {
            samples = added
            added = Samples()
            samples.renumber(mapping)
        } else if added.locations.count > samples.locations.count {
            var earlier = samples
            samples = added
            added = Samples()
            samples.renumber(mapping)
            samples.append(&earlier, .identity(locationCount: mapping.locationCount))
        } else {
            samples.append(&added, mapping)
        }
    }

    /// Moves the samples into `profile`.
    mutating func moveSamples(into profile: inout Profile) {
        profile.sampleLocationStarts = samples.locationStarts
        profile.sampleLocations = samples.locations
        profile.sampleValues = samples.values
        profile.sampleLabelStarts = samples.labelStarts
        profile.labels = samples.labels
        self = SampleConcatenation()
    }

    private mutating func recordSigns(_ profile: Profile, _ mapping: Mapping) {
        let typeCount = profile.sampleTypes.count
        var positive = false
        var negative = false
        for sample in 0..<profile.sampleCount {
            var samplePositive = false
            var sampleNegative = false
            for column in (sample * typeCount)..<((sample + 1) * typeCount) {
                let value = profile.sampleValues[column]
                if value > 0 { samplePositive = true } else if value < 0 { sampleNegative = true }
            }
            if samplePositive && sampleNegative { hasMixedSample = true }
            positive = positive || samplePositive
            negative = negative || sampleNegative
        }
        if mapping.negated { swap(&positive, &negative) }
        var seen = signs[mapping.setLabel] ?? (false, false)
        seen.positive = seen.positive || positive
        seen.negative = seen.negative || negative
        signs[mapping.setLabel] = seen
        labelKeys.formUnion(mapping.labelKeys)
    }
}

/// A profile's five sample arrays, moved out of it.
private struct Samples {
    var locationStarts: [UInt32] = [0]
    var locations = LocationIndices()
    var values: [Int64] = []
    var labelStarts: [UInt32] = [0]
    var labels: [Label] = []

    init() {}

    /// Takes `profile`'s sample arrays, leaving it without samples.
    init(taking profile: inout Profile) {
        locationStarts = profile.sampleLocationStarts
        locations = profile.sampleLocations
        values = profile.sampleValues
        labelStarts = profile.sampleLabelStarts
        labels = profile.labels
        profile.sampleLocationStarts = [0]
        profile.sampleLocations = LocationIndices()
        profile.sampleValues = []
        profile.sampleLabelStarts = [0]
        profile.labels = []
    }

    var isEmpty: Bool { locationStarts.count == 1 }

    /// Renumbers and changes the samples in place (only the labels are
    /// rebuilt, when a label is set).
    mutating func renumber(_ mapping: SampleConcatenation.Mapping) {
        if let map = mapping.locations { locations.remap(through: map, locationCount: mapping.locationCount) }
        if mapping.negated {
            values.withUnsafeMutableBufferPointer { values in
                for index in values.indices { values[index] = Profile.scale(values[index], by: -1) }
            }
        }
        if mapping.setLabel != nil {
            let relabelled = Self.relabel(labels, starts: labelStarts, mapping)
            labels = []
            labelStarts = []
            labelStarts = relabelled.starts
            labels = relabelled.labels
        } else if let strings = mapping.strings {
            labels.withUnsafeMutableBufferPointer { labels in
                for index in labels.indices { labels[index] = labels[index].renumbered(through: strings) }
            }
        }
    }

    /// Appends `other`'s samples, renumbered and changed by `mapping`; its
    /// arrays are let go one at a time as they are copied.
    mutating func append(_ other: inout Samples, _ mapping: SampleConcatenation.Mapping) {
        let stackBase = locationStarts[locationStarts.count - 1]
        let sampleCount = other.locationStarts.count - 1
        locationStarts.appendReleasingOldStorage(count: sampleCount) { output in
            for sample in 0..<sampleCount {
                output.initializeElement(at: sample, to: stackBase &+ other.locationStarts[sample + 1])
            }
        }
        other.locationStarts = []
        locations.appendReleasingOldStorage(other.locations, through: mapping.locations, locationCount: mapping.locationCount)
        other.locations = LocationIndices()
        values.appendReleasingOldStorage(count: other.values.count) { output in
            for (index, value) in other.values.enumerated() {
                output.initializeElement(at: index, to: mapping.negated ? Profile.scale(value, by: -1) : value)
            }
        }
        other.values = []
        let relabelled = Self.relabel(other.labels, starts: other.labelStarts, mapping)
        other.labels = []
        other.labelStarts = []
        let labelBase = labelStarts[labelStarts.count - 1]
        labelStarts.appendReleasingOldStorage(count: sampleCount) { output in
            for sample in 0..<sampleCount { output.initializeElement(at: sample, to: labelBase &+ relabelled.starts[sample + 1]) }
        }
        labels.appendReleasingOldStorage(count: relabelled.labels.count) { output in
            for (index, label) in relabelled.labels.enumerated() { output.initializeElement(at: index, to: label) }
        }
    }

    /// Each sample's labels renumbered, without the set label's key and
    /// with the set label last; the starts count from 0.
    static func relabel(_ labels: [Label], starts: [UInt32], _ mapping: SampleConcatenation.Mapping) -> (starts: [UInt32], labels: [Label])
    {
        guard let setLabel = mapping.setLabel else {
            let renumbered = mapping.strings.map { strings in labels.map { $0.renumbered(through: strings) } } ?? labels
            return (starts.map { $0 &- starts[0] }, renumbered)
        }
        var newStarts: [UInt32] = [0]
        var newLabels: [Label] = []
        newStarts.reserveCapacity(starts.count)
        newLabels.reserveCapacity(labels.count + starts.count)
        for sample in 0..<(starts.count - 1) {
            for label in labels[Int(starts[sample])..<Int(starts[sample + 1])] {
                let renumbered = mapping.strings.map { label.renumbered(through: $0) } ?? label
                if renumbered.key != setLabel.key { newLabels.append(renumbered) }
            }
            newLabels.append(setLabel)
            newStarts.append(UInt32(truncatingIfNeeded: newLabels.count))
        }
        return (newStarts, newLabels)
    }
}

extension Label {
    /// The label with its strings renumbered through `strings` (a string
    /// index to the new index); a string past the map becomes the empty
    /// string, as the merge's interning does.
    func renumbered(through strings: [Int32]) -> Label {
        func string(_ index: Int32) -> Int32 { index > 0 && Int(index) < strings.count ? strings[Int(index)] : 0 }
        return isString
            ? Label(key: string(key), str: string(str))
            : Label(key: string(key), num: num, numUnit: string(numUnit))
    }
}

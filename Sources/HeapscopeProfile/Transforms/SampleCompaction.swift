extension ProfileMerger {
    /// `mergedSamples(of:)` done in place: samples with the same stack and
    /// labels (records compared by content, as a merge does) are summed into
    /// the first and all-zero ones dropped, without copying the sample
    /// arrays (when `profile` holds the only reference to them). The
    /// records and strings stay as they are; what a merge resets (comments
    /// de-duplicated, runtime statistics, stack truncation) is reset alike.
    public static func mergeIdenticalSamples(_ profile: inout Profile) throws(ProfileError) {
        var seen = Set<String>()
        profile.commentIndices = firstCommentCopies(of: profile, seen: &seen)
        profile.runtimeStats = []
        profile.truncation = StackTruncation()
        sumIdenticalSamples(&profile)
        try ProfileValidator.validate(&profile)
    }

    /// Sums samples with the same stack and labels into the first and drops
    /// all-zero ones, in place; nothing else changes.
    static func sumIdenticalSamples(_ profile: inout Profile) {
        var compaction = SampleCompaction(profile)
        compaction.run(&profile)
    }
}

/// Finds each sample's first sample with the same key, sums into it, and
/// squeezes the arrays.
private struct SampleCompaction {
    /// Location index -> the first location with the same content.
    let locations: [UInt32]
    /// String index -> the first string with the same text.
    let strings: [Int32]
    let typeCount: Int
    private var hashes: [UInt32] = []
    private var slots: [Int32] = []
    private var key: [Label] = []
    private var other: [Label] = []

    init(_ profile: Profile) {
        var mappingFirst: [MappingDetails: Int32] = [:]
        let mappings = profile.mappings.enumerated().map { index, mapping -> Int32 in
            var content = profile.details(of: mapping)
            content.id = 0
            if let first = mappingFirst[content] { return first }
            mappingFirst[content] = Int32(index)
            return Int32(index)
        }
        var functionFirst: [Merger.FunctionKey: Int32] = [:]
        let functions = profile.functions.enumerated().map { index, function -> Int32 in
            let content = Merger.FunctionKey(profile, function)
            if let first = functionFirst[content] { return first }
            functionFirst[content] = Int32(index)
            return Int32(index)
        }
        var locationFirst: [Merger.LocationKey: UInt32] = [:]
        locations = profile.locations.enumerated().map { index, location -> UInt32 in
            let lines = profile.lines(of: location).map { Line(function: functions[Int($0.function)], line: $0.line, column: $0.column) }
            let content = Merger.LocationKey(
                mapping: location.mapping >= 0 ? mappings[Int(location.mapping)] : -1, address: location.address,
                lines: lines, isFolded: location.isFolded)
            if let first = locationFirst[content] { return first }
            locationFirst[content] = UInt32(index)
            return UInt32(index)
        }
        var stringFirst: [String: Int32] = [:]
        strings = profile.strings.enumerated().map { index, text -> Int32 in
            if let first = stringFirst[text] { return first }
            stringFirst[text] = Int32(index)
            return Int32(index)
        }
        typeCount = profile.sampleTypes.count
    }

    mutating func run(_ profile: inout Profile) {
        let sampleCount = profile.sampleCount
        var slotCount = 1024
        while slotCount < sampleCount * 2 { slotCount *= 2 }
        slots = [Int32](repeating: 0, count: slotCount)
        hashes = [UInt32](repeating: 0, count: sampleCount)
        // Kept samples stay where they are; the others are marked here.
        var dropped = [Bool](repeating: false, count: sampleCount)
        let mask = slotCount - 1
        for sample in 0..<sampleCount {
            let valueStart = sample * typeCount
            if profile.sampleValues[valueStart..<(valueStart + typeCount)].allSatisfy({ $0 == 0 }) {
                dropped[sample] = true
                continue
            }
            Self.canonicalLabels(of: sample, in: profile, strings: strings, into: &key)
            let hash = self.hash(of: sample, in: profile)
            var slot = Int(hash) & mask
            var match: Int?
            while slots[slot] != 0 {
                let first = Int(slots[slot] - 1)
                if hashes[first] == hash && sameKey(sample, first, in: profile) {
                    match = first
                    break
                }
                slot = (slot + 1) & mask
            }
            if let first = match {
                for column in 0..<typeCount {
                    profile.sampleValues[first * typeCount + column] &+= profile.sampleValues[valueStart + column]
                }
                dropped[sample] = true
            } else {
                hashes[sample] = hash
                slots[slot] = Int32(truncatingIfNeeded: sample + 1)
            }
        }
        slots = []
        hashes = []
        squeeze(&profile, dropped: dropped)
    }

    private func hash(of sample: Int, in profile: Profile) -> UInt32 {
        let stack = profile.stack(ofSample: sample)
        var keyHash = KeyHash(seed: UInt64(stack.count))
        for location in stack { keyHash.add(UInt64(locations[Int(location)])) }
        for label in key {
            keyHash.add(UInt64(UInt32(bitPattern: label.key)) << 32 | UInt64(UInt32(bitPattern: label.unitOrStringMark)))
            keyHash.add(UInt64(bitPattern: label.value))
        }
        return keyHash.value
    }

    /// `key` holds `sample`'s canonical labels.
    private mutating func sameKey(_ sample: Int, _ first: Int, in profile: Profile) -> Bool {
        let stack = profile.stack(ofSample: sample)
        let firstStack = profile.stack(ofSample: first)
        guard stack.count == firstStack.count,
            zip(stack, firstStack).allSatisfy({ locations[Int($0)] == locations[Int($1)] })
        else { return false }
        Self.canonicalLabels(of: first, in: profile, strings: strings, into: &other)
        return key == other
    }

    /// The sample's labels with each string index replaced by its first
    /// equal string's, in `SampleTable`'s canonical order.
    private static func canonicalLabels(of sample: Int, in profile: Profile, strings: [Int32], into labels: inout [Label]) {
        labels.removeAll(keepingCapacity: true)
        for label in profile.labels(ofSample: sample) { labels.append(label.renumbered(through: strings)) }
        if labels.count > 1 { labels.sort(by: SampleTable.canonicalOrder) }
    }

    /// Moves the kept samples whose sums are not all zero down over the
    /// others, in place.
    private func squeeze(_ profile: inout Profile, dropped: [Bool]) {
        let sampleCount = dropped.count
        var kept = 0
        var stackEnd = 0
        var labelEnd = 0
        for sample in 0..<sampleCount {
            let valueStart = sample * typeCount
            if dropped[sample] || profile.sampleValues[valueStart..<(valueStart + typeCount)].allSatisfy({ $0 == 0 }) { continue }
            let stackStart = Int(profile.sampleLocationStarts[sample])
            let stackCount = Int(profile.sampleLocationStarts[sample + 1]) - stackStart
            let labelStart = Int(profile.sampleLabelStarts[sample])
            let labelCount = Int(profile.sampleLabelStarts[sample + 1]) - labelStart
            if kept != sample {
                for index in 0..<stackCount { profile.sampleLocations[stackEnd + index] = profile.sampleLocations[stackStart + index] }
                for index in 0..<typeCount { profile.sampleValues[kept * typeCount + index] = profile.sampleValues[valueStart + index] }
                for index in 0..<labelCount { profile.labels[labelEnd + index] = profile.labels[labelStart + index] }
            }
            stackEnd += stackCount
            labelEnd += labelCount
            kept += 1
            profile.sampleLocationStarts[kept] = UInt32(truncatingIfNeeded: stackEnd)
            profile.sampleLabelStarts[kept] = UInt32(truncatingIfNeeded: labelEnd)
        }
        profile.sampleLocationStarts.removeLast(sampleCount - kept)
        profile.sampleLabelStarts.removeLast(sampleCount - kept)
        profile.sampleLocations.removeLast(profile.sampleLocations.count - stackEnd)
        profile.sampleValues.removeLast(profile.sampleValues.count - kept * typeCount)
        profile.labels.removeLast(profile.labels.count - labelEnd)
    }
}

extension ProfileMerger {
    /// The indices of `source`'s comments whose text is not in `seen` yet, in
    /// order; `seen` gains them. pprof's merge keeps each comment's first
    /// copy; a set keeps that linear in the number of comments, and indices
    /// cost no `String` per comment.
    static func firstCommentCopies(of source: Profile, seen: inout Set<String>) -> [Int32] {
        source.commentIndices.filter { seen.insert(source.string($0)).inserted }
    }
}

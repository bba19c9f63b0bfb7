import HeapscopeProfile
import HeapscopeTestSupport
import Testing

/// A random profile over a small alphabet of functions and labels, so that
/// stacks and label sets repeat within and across profiles. Each profile has
/// its own string table order and location ids.
private func randomProfile(_ generator: inout SeededGenerator, samples: Int) -> Profile {
    var profile = Profile()
    var cache: [String: Int32] = [:]
    profile.appendSampleType(ValueType(type: "objects", unit: "count"), cache: &cache)
    profile.appendSampleType(ValueType(type: "space", unit: "bytes"), cache: &cache)
    profile.periodType = ValueType(type: "space", unit: "bytes")
    let names = ["main", "a", "b", "c", "d"].shuffled(using: &generator)
    for (index, name) in names.enumerated() {
        profile.appendFunction(id: UInt64(index + 1), name: name, cache: &cache)
        profile.lines.append(Line(function: Int32(index), line: 1))
        profile.locations.append(Location(id: UInt64(index + 1), lineStart: Int32(index), lineEnd: Int32(index + 1)))
    }
    for _ in 0..<samples {
        let depth = Int.random(in: 1...3, using: &generator)
        let stack = (0..<depth).map { _ in UInt32.random(in: 0..<UInt32(names.count), using: &generator) }
        var labels: [Label] = []
        if Bool.random(using: &generator) {
            labels.append(
                Label(
                    key: profile.intern("kind", cache: &cache),
                    str: profile.intern(["x", "y"].randomElement(using: &generator)!, cache: &cache)))
        }
        if Bool.random(using: &generator) {
            labels.append(Label(key: profile.intern("bytes", cache: &cache), num: Int64.random(in: 1...2, using: &generator)))
        }
        labels.shuffle(using: &generator)
        let values = [Int64.random(in: -2...3, using: &generator), Int64.random(in: -20...30, using: &generator)]
        profile.appendSample(locations: stack, values: values, labels: labels)
    }
    return profile
}

/// A sample's key by content: function names, leaf first, and its labels as
/// a sorted list of text.
private struct Key: Hashable {
    let stack: [String]
    let labels: [String]
}

private func key(_ profile: Profile, _ sample: Int, replacing label: String? = nil) -> Key {
    let stack = profile.stack(ofSample: sample).map {
        profile.name(of: profile.functions[Int(profile.lines[Int(profile.locations[Int($0)].lineStart)].function)])
    }
    var labels = profile.labels(ofSample: sample).map { l in
        profile.string(l.key) + "=" + (l.isString ? profile.string(l.str) : "\(l.num)" + profile.string(l.numUnit))
    }
    if let label { labels = labels.filter { !$0.hasPrefix("base=") } + [label] }
    return Key(stack: stack, labels: labels.sorted())
}

@Suite("ProfileAccumulator: pprof's Merge, one profile at a time")
struct ProfileAccumulatorTests {
    @Test func matchesSummingByContent() throws {
        var generator = SeededGenerator("ProfileAccumulatorTests")
        let seed = generator.seed
        let inputs = (0..<3).map { _ in randomProfile(&generator, samples: 200) }

        var accumulator = ProfileAccumulator()
        try accumulator.add(inputs[0])
        try accumulator.add(inputs[1])
        try accumulator.add(inputs[2], as: SampleTransform(negated: true, label: (key: "base", value: "true")))
        let merged = try accumulator.finish()

        // The reference: sums by content in first-seen order, all-zero
        // inputs skipped and all-zero sums dropped.
        var order: [Key] = []
        var sums: [Key: [Int64]] = [:]
        for (index, profile) in inputs.enumerated() {
            for sample in 0..<profile.sampleCount {
                var values = (0..<2).map { profile.value(ofSample: sample, index: $0) }
                if values.allSatisfy({ $0 == 0 }) { continue }
                let k = key(profile, sample, replacing: index == 2 ? "base=true" : nil)
                if index == 2 { values = values.map { -$0 } }
                if let sum = sums[k] {
                    sums[k] = zip(sum, values).map { $0 + $1 }
                } else {
                    sums[k] = values
                    order.append(k)
                }
            }
        }
        let expected = order.filter { sums[$0]! != [0, 0] }
        #expect(merged.sampleCount == expected.count, "seed \(seed)")
        for (sample, k) in expected.enumerated() where sample < merged.sampleCount {
            #expect(key(merged, sample) == k, "seed \(seed)")
            #expect((0..<2).map { merged.value(ofSample: sample, index: $0) } == sums[k], "seed \(seed)")
        }
    }

    /// `.sums` keeps samples apart when none can cancel out (all values of
    /// one sign per set label) and sums them as pprof does when some can;
    /// either way the sums by key are pprof's. The largest input comes
    /// second, so its arrays are taken over after the first's.
    @Test(arguments: [true, false])
    func sumsMatchPprofByKey(_ nonNegative: Bool) throws {
        var generator = SeededGenerator("sumsMatchPprofByKey \(nonNegative)")
        let seed = generator.seed
        var inputs = [50, 300, 120].map { randomProfile(&generator, samples: $0) }
        if nonNegative {
            for index in inputs.indices { inputs[index].sampleValues = inputs[index].sampleValues.map { $0.magnitude }.map(Int64.init) }
        }
        let base = SampleTransform(negated: true, label: (key: "base", value: "true"))
        var pprof = ProfileAccumulator()
        var sums = ProfileAccumulator(samples: .sums)
        for (index, input) in inputs.enumerated() {
            try pprof.add(input, as: index == 2 ? base : .unchanged)
            try sums.add(input, as: index == 2 ? base : .unchanged)
        }
        let expected = try pprof.finish()
        let actual = try sums.finish()
        func sumsByKey(_ profile: Profile) -> [Key: [Int64]] {
            var sums: [Key: [Int64]] = [:]
            for sample in 0..<profile.sampleCount {
                let values = (0..<2).map { profile.value(ofSample: sample, index: $0) }
                sums[key(profile, sample), default: [0, 0]] = zip(sums[key(profile, sample), default: [0, 0]], values).map { $0 + $1 }
            }
            return sums.filter { $0.value != [0, 0] }
        }
        #expect(sumsByKey(actual) == sumsByKey(expected), "seed \(seed)")
        if nonNegative {
            #expect(actual.sampleCount == inputs.map(\.sampleCount).reduce(0, +), "seed \(seed)")
        } else {
            #expect(actual.sampleCount == expected.sampleCount, "seed \(seed)")
        }
    }

    /// A label set on a negated profile whose key the other samples carry
    /// too can make samples cancel out: `.sums` then sums them as pprof does.
    @Test func aSetLabelOthersCarryIsSummed() throws {
        var generator = SeededGenerator("aSetLabelOthersCarryIsSummed")
        let seed = generator.seed
        var profile = randomProfile(&generator, samples: 200)
        profile.sampleValues = profile.sampleValues.map { Int64($0.magnitude) }
        let relabelled = SampleTransform(negated: true, label: (key: "kind", value: "x"))
        var pprof = ProfileAccumulator()
        var sums = ProfileAccumulator(samples: .sums)
        try pprof.add(profile)
        try pprof.add(profile, as: relabelled)
        try sums.add(profile)
        try sums.add(profile, as: relabelled)
        let expected = try pprof.finish()
        let actual = try sums.finish()
        #expect(expected.sampleCount < 2 * profile.sampleCount, "seed \(seed)")
        #expect(actual.sampleCount == expected.sampleCount, "seed \(seed)")
    }

    @Test func summingInPlaceMatchesCompact() throws {
        var generator = SeededGenerator("summingInPlace")
        let seed = generator.seed
        var profile = randomProfile(&generator, samples: 300)
        // A second location with the first one's content, used by every
        // other reference to it: the in-place sum must treat them as one.
        profile.lines.append(profile.lines[0])
        let lineCount = Int32(profile.lines.count)
        profile.locations.append(Location(id: 6, lineStart: lineCount - 1, lineEnd: lineCount))
        var flip = false
        for index in profile.sampleLocations.indices where profile.sampleLocations[index] == 0 {
            if flip { profile.sampleLocations[index] = 5 }
            flip.toggle()
        }
        let reference = ProfileMerger.compact(profile)
        var summed = profile
        try ProfileMerger.mergeIdenticalSamples(&summed)
        #expect(summed.sampleCount == reference.sampleCount, "seed \(seed)")
        #expect(summed.sampleCount < profile.sampleCount, "seed \(seed)")
        for sample in 0..<min(summed.sampleCount, reference.sampleCount) {
            #expect(key(summed, sample) == key(reference, sample), "seed \(seed), sample \(sample)")
            #expect(
                (0..<2).map { summed.value(ofSample: sample, index: $0) } == (0..<2).map { reference.value(ofSample: sample, index: $0) },
                "seed \(seed), sample \(sample)")
        }
    }

    @Test func aSingleUnchangedProfileIsReturnedAsItIs() throws {
        var generator = SeededGenerator(seed: 7)
        let profile = randomProfile(&generator, samples: 50)
        var accumulator = ProfileAccumulator()
        try accumulator.add(profile)
        let result = try accumulator.finish()
        #expect(result.sampleValues == profile.sampleValues)
        #expect(result.sampleLocations == profile.sampleLocations)
    }

    @Test func incompatibleProfilesAreRejected() throws {
        var generator = SeededGenerator(seed: 1)
        let heap = randomProfile(&generator, samples: 5)
        var cpu = heap
        cpu.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        var accumulator = ProfileAccumulator()
        try accumulator.add(heap)
        #expect(throws: ProfileError.incompatible("incompatible period types space/bytes and cpu/nanoseconds")) {
            try accumulator.add(cpu)
        }
    }

    @Test func nothingToMergeIsAnError() {
        var accumulator = ProfileAccumulator()
        #expect(throws: ProfileError.incompatible("no profiles to merge")) { try accumulator.finish() }
    }
}

/// Comments are de-duplicated as pprof's merge does (each comment's first
/// copy, in order), through a set: a profile of many distinct comments
/// merges in linear time (it took minutes with a list lookup).
@Suite("Merged comments")
struct MergedCommentTests {
    static func profile(comments: [String]) -> Profile {
        var generator = SeededGenerator(seed: 1)
        var profile = randomProfile(&generator, samples: 4)
        profile.comments = comments
        return profile
    }

    static let distinct = (0..<20_000).map { "comment \($0)" }

    @Test func mergeKeepsFirstCopies() throws {
        let first = Self.profile(comments: ["b", "a", "b"] + Self.distinct)
        let second = Self.profile(comments: ["c", "a"] + Self.distinct.reversed())
        let merged = try ProfileMerger.merge([first, second])
        #expect(merged.comments == ["b", "a"] + Self.distinct + ["c"])
    }

    @Test func mergedSamplesKeepFirstCopies() throws {
        let merged = try ProfileMerger.mergedSamples(of: Self.profile(comments: Self.distinct + ["x"] + Self.distinct))
        #expect(merged.comments == Self.distinct + ["x"])
    }
}

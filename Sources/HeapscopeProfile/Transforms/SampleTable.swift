import Foundation

/// Samples keyed by stack and labels, summed on insert, in flat arrays (the
/// merge's sample store). Labels count as a set: two samples whose labels
/// differ only in order have the same key, and the first one's order is kept.
struct SampleTable {
    private let typeCount: Int
    private var stackStarts: [UInt32] = [0]
    private var stacks: [UInt32] = []
    private var values: [Int64] = []
    private var labelStarts: [UInt32] = [0]
    private var labels: [Label] = []
    /// Each sample's labels in canonical order, compared on lookup; nil
    /// while every sample's labels are already in that order (then
    /// `labels` serves).
    private var sortedLabels: [Label]?
    /// Samples by key hash.
    private var index = HashSlots()
    private var scratch: [Label] = []

    init(typeCount: Int) { self.typeCount = typeCount }

    var count: Int { index.count }

    /// Makes room for `samples` more samples with `locations` location
    /// references and `labels` labels, so that adding a profile grows each
    /// array at most once.
    mutating func reserve(samples: Int, locations: Int, labels labelCount: Int) {
        func grow<T>(_ array: inout [T], by extra: Int) {
            let needed = array.count + extra
            if needed > array.capacity { array.reserveCapacity(max(needed, array.capacity * 3 / 2)) }
        }
        grow(&stackStarts, by: samples)
        grow(&stacks, by: locations)
        grow(&values, by: samples * typeCount)
        grow(&labelStarts, by: samples)
        grow(&labels, by: labelCount)
        index.reserve(samples)
    }

    /// Adds `values` to the sample with this stack and these labels, or
    /// appends a new sample.
    mutating func add(stack: UnsafeBufferPointer<UInt32>, labels sampleLabels: [Label], values sampleValues: ArraySlice<Int64>) {
        let sorted = sampleLabels.count > 1 && !Self.isCanonical(sampleLabels)
        if sorted {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: sampleLabels)
            scratch.sort(by: Self.canonicalOrder)
        }
        var keyHash = KeyHash(seed: UInt64(stack.count))
        for location in stack { keyHash.add(UInt64(location)) }
        for label in sorted ? scratch : sampleLabels {
            keyHash.add(UInt64(UInt32(bitPattern: label.key)) << 32 | UInt64(UInt32(bitPattern: label.unitOrStringMark)))
            keyHash.add(UInt64(bitPattern: label.value))
        }
        let hash = keyHash.value

        let key = sorted ? scratch : sampleLabels
        if let sample = index.find(hash, where: { matches($0, stack: stack, labels: key) }) {
            var column = sample * typeCount
            for value in sampleValues {
                values[column] &+= value
                column += 1
            }
            return
        }
        index.append(hash)
        stacks.append(contentsOf: stack)
        stackStarts.append(UInt32(truncatingIfNeeded: stacks.count))
        values.append(contentsOf: sampleValues)
        if sorted && sortedLabels == nil { sortedLabels = labels }
        labels.append(contentsOf: sampleLabels)
        sortedLabels?.append(contentsOf: sorted ? scratch : sampleLabels)
        labelStarts.append(UInt32(truncatingIfNeeded: labels.count))
    }

    private func matches(_ sample: Int, stack: UnsafeBufferPointer<UInt32>, labels key: [Label]) -> Bool {
        let start = Int(stackStarts[sample])
        guard Int(stackStarts[sample + 1]) - start == stack.count else { return false }
        let sameStack = stacks.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress, let wantedBase = stack.baseAddress else { return true }
            return memcmp(storedBase + start, wantedBase, stack.count * MemoryLayout<UInt32>.stride) == 0
        }
        guard sameStack else { return false }
        let labelRange = Int(labelStarts[sample])..<Int(labelStarts[sample + 1])
        return (sortedLabels ?? labels)[labelRange].elementsEqual(key)
    }

    /// Moves the samples whose sums are not all zero into `profile`, in the
    /// order their keys were first seen, and empties the table. All-zero
    /// samples are squeezed out in place, so the arrays are never copied.
    mutating func moveSamples(into profile: inout Profile) {
        index.removeAll()
        sortedLabels = nil
        let sampleCount = stackStarts.count - 1
        var kept = 0
        var stackEnd = 0
        var labelEnd = 0
        for sample in 0..<sampleCount {
            let valueStart = sample * typeCount
            if values[valueStart..<(valueStart + typeCount)].allSatisfy({ $0 == 0 }) { continue }
            let stackStart = Int(stackStarts[sample])
            let stackCount = Int(stackStarts[sample + 1]) - stackStart
            let labelStart = Int(labelStarts[sample])
            let labelCount = Int(labelStarts[sample + 1]) - labelStart
            if kept != sample {
                for index in 0..<stackCount { stacks[stackEnd + index] = stacks[stackStart + index] }
                for index in 0..<typeCount { values[kept * typeCount + index] = values[valueStart + index] }
                for index in 0..<labelCount { labels[labelEnd + index] = labels[labelStart + index] }
            }
            stackEnd += stackCount
            labelEnd += labelCount
            kept += 1
            stackStarts[kept] = UInt32(truncatingIfNeeded: stackEnd)
            labelStarts[kept] = UInt32(truncatingIfNeeded: labelEnd)
        }
        stackStarts.removeLast(sampleCount - kept)
        labelStarts.removeLast(sampleCount - kept)
        stacks.removeLast(stacks.count - stackEnd)
        values.removeLast(values.count - kept * typeCount)
        labels.removeLast(labels.count - labelEnd)
        profile.sampleLocationStarts = stackStarts
        profile.sampleLocations = LocationIndices(wide: stacks)
        profile.sampleValues = values
        profile.sampleLabelStarts = labelStarts
        profile.labels = labels
        stackStarts = [0]
        stacks = []
        values = []
        labelStarts = [0]
        labels = []
    }

    private static func isCanonical(_ labels: [Label]) -> Bool {
        zip(labels, labels.dropFirst()).allSatisfy { !canonicalOrder($1, $0) }
    }

    /// Any fixed total order does: it only has to make equal label sets
    /// compare equal.
    static func canonicalOrder(_ a: Label, _ b: Label) -> Bool {
        (a.key, a.unitOrStringMark, a.value) < (b.key, b.unitOrStringMark, b.value)
    }
}

/// A fast multiply-xor hash of a sample key's words. Only distribution
/// matters: keys are compared in full on every match of the hash.
struct KeyHash {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    mutating func add(_ word: UInt64) {
        state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 32
    }

    var value: UInt32 {
        var mixed = state
        mixed ^= mixed >> 33
        mixed = mixed &* 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return UInt32(truncatingIfNeeded: mixed)
    }
}

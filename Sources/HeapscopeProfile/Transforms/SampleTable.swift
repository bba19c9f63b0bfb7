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
    /// Each sample's labels in canonical order, compared on lookup.
    private var sortedLabels: [Label] = []
    private var hashes: [Int] = []
    /// Open addressing: sample number + 1, 0 for an empty slot.
    private var slots: [Int32] = [Int32](repeating: 0, count: 1024)
    private var scratch: [Label] = []

    init(typeCount: Int) { self.typeCount = typeCount }

    var count: Int { hashes.count }

    /// Adds `values` to the sample with this stack and these labels, or
    /// appends a new sample.
    mutating func add(stack: [UInt32], labels sampleLabels: [Label], values sampleValues: ArraySlice<Int64>) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: sampleLabels)
        if scratch.count > 1 { scratch.sort(by: Self.canonicalOrder) }
        var keyHash = KeyHash(seed: UInt64(stack.count))
        for location in stack { keyHash.add(UInt64(location)) }
        for label in scratch {
            keyHash.add(UInt64(UInt32(bitPattern: label.key)) << 32 | UInt64(UInt32(bitPattern: label.unitOrStringMark)))
            keyHash.add(UInt64(bitPattern: label.value))
        }
        let hash = keyHash.value

        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let sample = Int(slots[slot] - 1)
            if hashes[sample] == hash && matches(sample, stack: stack) {
                let base = sample * typeCount
                for (column, value) in sampleValues.enumerated() { values[base + column] &+= value }
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(truncatingIfNeeded: hashes.count + 1)
        hashes.append(hash)
        stacks.append(contentsOf: stack)
        stackStarts.append(UInt32(truncatingIfNeeded: stacks.count))
        values.append(contentsOf: sampleValues)
        labels.append(contentsOf: sampleLabels)
        sortedLabels.append(contentsOf: scratch)
        labelStarts.append(UInt32(truncatingIfNeeded: labels.count))
        if hashes.count * 2 > slots.count { grow() }
    }

    private func matches(_ sample: Int, stack: [UInt32]) -> Bool {
        let stackRange = Int(stackStarts[sample])..<Int(stackStarts[sample + 1])
        let labelRange = Int(labelStarts[sample])..<Int(labelStarts[sample + 1])
        return stacks[stackRange].elementsEqual(stack) && sortedLabels[labelRange].elementsEqual(scratch)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (sample, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: sample + 1)
        }
    }

    /// Moves the samples whose sums are not all zero into `profile`, in the
    /// order their keys were first seen, and empties the table.
    mutating func moveSamples(into profile: inout Profile) {
        slots = []
        sortedLabels = []
        hashes = []
        let sampleCount = stackStarts.count - 1
        let zero = (0..<sampleCount).filter { sample in
            values[(sample * typeCount)..<((sample + 1) * typeCount)].allSatisfy { $0 == 0 }
        }
        if zero.isEmpty {
            profile.sampleLocationStarts = stackStarts
            profile.sampleLocations = stacks
            profile.sampleValues = values
            profile.sampleLabelStarts = labelStarts
            profile.labels = labels
        } else {
            var next = 0
            for sample in 0..<sampleCount {
                if next < zero.count && zero[next] == sample {
                    next += 1
                    continue
                }
                profile.appendSample(locations: stacks[Int(stackStarts[sample])..<Int(stackStarts[sample + 1])],
                                     values: values[(sample * typeCount)..<((sample + 1) * typeCount)],
                                     labels: labels[Int(labelStarts[sample])..<Int(labelStarts[sample + 1])])
            }
        }
        stackStarts = [0]; stacks = []; values = []; labelStarts = [0]; labels = []
    }

    /// Any fixed total order does: it only has to make equal label sets
    /// compare equal.
    private static func canonicalOrder(_ a: Label, _ b: Label) -> Bool {
        (a.key, a.unitOrStringMark, a.value) < (b.key, b.unitOrStringMark, b.value)
    }
}

/// A fast multiply-xor hash of a sample key's words. Only distribution
/// matters: keys are compared in full on every match of the hash.
private struct KeyHash {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    mutating func add(_ word: UInt64) {
        state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 32
    }

    var value: Int {
        var mixed = state
        mixed ^= mixed >> 33
        mixed = mixed &* 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return Int(truncatingIfNeeded: mixed)
    }
}

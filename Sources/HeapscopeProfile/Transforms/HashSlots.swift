/// An open-addressing index from key hashes to item numbers 0, 1, 2, … whose
/// keys live in the caller's flat arrays: the merge's sample table and the
/// stack groups find equal keys through it and compare them in place, with
/// no boxed key per item. At most half the slots are used.
package struct HashSlots {
    /// Item + 1 per slot, 0 when empty; the count is a power of two.
    private var slots = [Int32](repeating: 0, count: 1024)
    /// Each item's hash, compared before its key.
    private var hashes: [UInt32] = []

    package init() {}

    /// The number of items recorded.
    package var count: Int { hashes.count }

    /// Makes room for `extra` more items' hashes.
    package mutating func reserve(_ extra: Int) {
        let needed = hashes.count + extra
        if needed > hashes.capacity { hashes.reserveCapacity(max(needed, hashes.capacity * 3 / 2)) }
    }

    /// The item with this hash whose key `isKey` accepts, if any. `hash`
    /// must be well mixed: its low bits pick the first slot.
    package func find(_ hash: UInt32, where isKey: (Int) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let item = Int(slots[slot] - 1)
            if hashes[item] == hash && isKey(item) { return item }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records item `count` under `hash` (its key was not found).
    package mutating func append(_ hash: UInt32) {
        Self.place(item: hashes.count, hash: hash, in: &slots)
        hashes.append(hash)
        if hashes.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for (item, hash) in hashes.enumerated() { Self.place(item: item, hash: hash, in: &slots) }
        }
    }

    /// Forgets every item and releases the memory.
    package mutating func removeAll() { self = HashSlots() }

    private static func place(item: Int, hash: UInt32, in slots: inout [Int32]) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: item + 1)
    }
}

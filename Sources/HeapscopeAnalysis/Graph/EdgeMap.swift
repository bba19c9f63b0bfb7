/// An open-addressing hash map from (source, destination) node pairs to
/// edge indices: the graph builder's hot path.
struct EdgeMap {
    private var keys: [UInt64]
    private var values: [Int32]
    private var count = 0
    private var mask: Int

    init() {
        keys = [UInt64](repeating: .max, count: 1024)
        values = [Int32](repeating: 0, count: 1024)
        mask = 1023
    }

    @inline(__always)
    mutating func findOrInsert(source: Int32, destination: Int32, nextIndex: Int32) -> (Int32, Bool) {
        let key = UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: destination))
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let existing = keys[slot]
            if existing == key { return (values[slot], false) }
            if existing == .max {
                keys[slot] = key
                values[slot] = nextIndex
                count += 1
                if count * 2 > mask { grow() }
                return (nextIndex, true)
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let capacity = (mask + 1) * 2
        keys = [UInt64](repeating: .max, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for (index, key) in oldKeys.enumerated() where key != .max {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while keys[slot] != .max { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}

import Testing

@testable import HeapscopeProfile

/// A merge grows a large profile's arrays without a second copy of them:
/// the old storage is copied a chunk at a time and each chunk's pages are
/// released. The contents must come out whole, and an array shared with
/// someone else must stay as it was.
@Suite("Growing arrays while releasing the old storage")
struct ReleasingGrowthTests {
    /// Sizes around the 4 MiB chunk (524,288 Int64s) and page boundaries.
    @Test(arguments: [0, 1, 511, 524_287, 524_288, 524_289, 1_300_001])
    func contentsComeOutWhole(_ count: Int) {
        var array = (0..<count).map { Int64($0) &* 2_654_435_761 }
        array.appendReleasingOldStorage(count: 3) { tail in
            for index in tail.indices { tail.initializeElement(at: index, to: -Int64(index) - 1) }
        }
        #expect(array.count == count + 3)
        #expect(array.prefix(count).enumerated().allSatisfy { $0.element == Int64($0.offset) &* 2_654_435_761 })
        #expect(Array(array.suffix(3)) == [-1, -2, -3])
    }

    @Test func aSharedArrayIsLeftAlone() {
        let shared = [Int64](repeating: 7, count: 1_000_000)
        var grown = shared
        grown.appendReleasingOldStorage(count: 1) { $0.initializeElement(at: 0, to: 8) }
        #expect(shared.count == 1_000_000 && shared.allSatisfy { $0 == 7 })
        #expect(grown.count == 1_000_001 && grown.last == 8 && grown[999_999] == 7)
    }

    /// Renumbering in place keeps the 16-bit form while the result's
    /// locations fit, and widens once they do not.
    @Test func remapKeepsOrWidensTheForm() {
        var narrow: LocationIndices = [0, 1, 2, 1]
        narrow.remap(through: [5, 6, 65_535], locationCount: 65_536)
        #expect(Array(narrow) == [5, 6, 65_535, 6])
        if case .wide = narrow.form { Issue.record("widened while the indices fit") }

        var widened: LocationIndices = [0, 1, 2, 1]
        widened.remap(through: [5, 70_000, 2], locationCount: 70_001)
        #expect(Array(widened) == [5, 70_000, 2, 70_000])
        if case .narrow = widened.form { Issue.record("stayed narrow past 65,536 locations") }
    }

    @Test(arguments: [false, true])
    func appendRenumbersAcrossForms(_ wideSource: Bool) {
        var indices: LocationIndices = [1, 2, 3]
        let source = wideSource ? LocationIndices([0, 1, 70_000]) : LocationIndices([0, 1, 2])
        var map = [UInt32](repeating: 0, count: 70_001)
        map[0] = 9
        map[1] = 66_000
        map[2] = 4
        map[70_000] = 4
        indices.appendReleasingOldStorage(source, through: map, locationCount: 70_001)
        #expect(Array(indices) == [1, 2, 3, 9, 66_000, 4])
        indices.appendReleasingOldStorage(LocationIndices([7]), through: nil, locationCount: 70_001)
        #expect(Array(indices) == [1, 2, 3, 9, 66_000, 4, 7])
    }
}

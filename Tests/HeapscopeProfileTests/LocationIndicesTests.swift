import HeapscopeProfile
import Testing

/// A profile of `locationCount` locations (lines of one function) whose
/// samples have the given stacks (location indices, leaf first).
private func profile(locationCount: Int, stacks: [[UInt32]]) -> Profile {
    var profile = Profile()
    var cache: [String: Int32] = [:]
    profile.appendSampleType(ValueType(type: "space", unit: "bytes"), cache: &cache)
    profile.periodType = ValueType(type: "space", unit: "bytes")
    profile.appendFunction(id: 1, name: "main.f", cache: &cache)
    for index in 0..<locationCount {
        profile.lines.append(Line(function: 0, line: Int64(index + 1)))
        profile.locations.append(Location(id: UInt64(index + 1), lineStart: Int32(index), lineEnd: Int32(index + 1)))
    }
    for (index, stack) in stacks.enumerated() {
        profile.appendSample(locations: stack, values: [Int64(index + 1) * 100], labels: [])
    }
    return profile
}

private func isNarrow(_ indices: LocationIndices) -> Bool {
    if case .narrow = indices.form { true } else { false }
}

@Suite("LocationIndices: 16-bit sample stacks while the indices fit")
struct LocationIndicesTests {
    @Test func staysNarrowUntilAnIndexNeedsMoreBits() {
        var indices = LocationIndices()
        indices.append(contentsOf: [0, 7, 65_535])
        #expect(isNarrow(indices))
        indices.append(65_536)
        #expect(!isNarrow(indices))
        #expect(Array(indices) == [0, 7, 65_535, 65_536])
        indices.append(contentsOf: [1, 70_000])
        #expect(Array(indices) == [0, 7, 65_535, 65_536, 1, 70_000])
    }

    @Test func storingALargeIndexWidens() {
        var indices: LocationIndices = [3, 4, 5]
        #expect(isNarrow(indices))
        indices[1] = 9
        #expect(isNarrow(indices) && Array(indices) == [3, 9, 5])
        indices[2] = 100_000
        #expect(!isNarrow(indices) && Array(indices) == [3, 9, 100_000])
        indices.removeLast(1)
        #expect(Array(indices) == [3, 9])
    }

    @Test func equalIndicesAreEqualInEitherForm() {
        let narrow: LocationIndices = [1, 2, 3]
        var wide: LocationIndices = [1, 2, 3, 70_000]
        wide.removeLast(1)
        #expect(isNarrow(narrow) && !isNarrow(wide))
        #expect(narrow == wide && wide == narrow)
        wide[2] = 4
        #expect(narrow != wide)
    }

    @Test func firstAtLeastInEitherForm() {
        let narrow: LocationIndices = [3, 9, 2]
        #expect(narrow.first(atLeast: 5) == 9)
        #expect(narrow.first(atLeast: 10) == nil)
        #expect(narrow.first(atLeast: 70_000) == nil)
        let wide: LocationIndices = [3, 70_000, 9]
        #expect(wide.first(atLeast: 5) == 70_000)
        #expect(wide.first(atLeast: 70_001) == nil)
    }

    /// The decoder stores 16 bits up to 65,536 locations and 32 past that;
    /// both decode to the stacks that were written.
    @Test(arguments: [65_536, 65_537])
    func decoderPicksTheFormByLocationCount(_ locationCount: Int) throws {
        let top = UInt32(locationCount - 1)
        let original = profile(locationCount: locationCount, stacks: [[0, 1, top], [top], [2, 1], [top - 1, 0]])
        let decoded = try ProfileDecoder.decode(ProfileEncoder.encode(original))
        #expect(isNarrow(decoded.sampleLocations) == (locationCount <= 65_536))
        #expect(decoded.sampleLocations == original.sampleLocations)
        #expect(decoded.sampleLocationStarts == original.sampleLocationStarts)
        #expect((0..<decoded.sampleCount).map { Array(decoded.stack(ofSample: $0)) } == [[0, 1, top], [top], [2, 1], [top - 1, 0]])
    }

    /// The validator's index check reads either form.
    @Test func validatorRejectsAnIndexPastTheLocationsInEitherForm() {
        for badIndex: UInt32 in [3, 70_000] {
            var bad = profile(locationCount: 3, stacks: [[0, 1], [2]])
            bad.sampleLocations[1] = badIndex
            #expect(isNarrow(bad.sampleLocations) == (badIndex <= 65_535))
            #expect(throws: ProfileError.invalid("sample has nil location (index \(badIndex))")) {
                try ProfileValidator.validate(&bad)
            }
        }
    }
}

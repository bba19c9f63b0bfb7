/// Checks the invariants every `Profile` must hold before analysis: the
/// decoder's output and profiles built by merging alike.
public enum ProfileValidator {
    /// Throws `ProfileError.invalid` naming the first broken rule.
    public static func validate(_ profile: inout Profile) throws(ProfileError) {
        let typeCount = profile.sampleTypes.count
        let samples = profile.sampleCount
        if samples > 0 && typeCount == 0 {
            throw .invalid("missing sample type information")
        }
        guard profile.sampleValues.count == samples * typeCount else {
            throw .invalid("mismatch: \(profile.sampleValues.count) sample values for \(samples) samples of \(typeCount) types")
        }
        guard profile.sampleLabelStarts.count == samples + 1,
            profile.sampleLocationStarts.first == 0, profile.sampleLabelStarts.first == 0,
            profile.sampleLocationStarts.last.map(Int.init) == profile.sampleLocations.count,
            profile.sampleLabelStarts.last.map(Int.init) == profile.labels.count,
            isNonDecreasing(profile.sampleLocationStarts), isNonDecreasing(profile.sampleLabelStarts)
        else {
            throw .invalid("sample tables are inconsistent")
        }
        try checkSums(profile)
        let locationCount = UInt32(truncatingIfNeeded: profile.locations.count)
        if let bad = profile.sampleLocations.first(atLeast: locationCount) {
            throw .invalid("sample has nil location (index \(bad))")
        }
        let functionCount = Int32(truncatingIfNeeded: profile.functions.count)
        let mappingCount = Int32(truncatingIfNeeded: profile.mappings.count)
        for location in profile.locations {
            guard location.lineStart >= 0, location.lineStart <= location.lineEnd,
                Int(location.lineEnd) <= profile.lines.count
            else {
                throw .invalid("location id: \(location.id) has an invalid line range")
            }
            guard location.mapping >= -1, location.mapping < mappingCount else {
                throw .invalid("location id: \(location.id) has an invalid mapping")
            }
            for line in profile.lines(of: location) where line.function < 0 || line.function >= functionCount {
                throw .invalid("location id: \(location.id) has a line with nil function")
            }
        }
        let stringCount = Int32(truncatingIfNeeded: profile.strings.count)
        for label in profile.labels
        where label.key < 0 || label.key >= stringCount
            || label.str < 0 || label.str >= stringCount || label.numUnit < 0 || label.numUnit >= stringCount
        {
            throw .invalid("label refers to a string past the end of the string table")
        }
    }

    /// The largest sum of |value| a sample type may reach: 2^62, so that no
    /// total, node sum or difference of two totals can wrap around Int64.
    public static let maxValueSum: Int64 = 1 << 62

    /// Throws when the values of a sample type add up (in magnitude) past
    /// `maxValueSum`: every sum a view makes would be wrong.
    public static func checkSums(_ profile: Profile) throws(ProfileError) {
        let typeCount = profile.sampleTypes.count
        guard typeCount > 0 else { return }
        // Column by column: no per-type array (a profile may declare millions of types).
        for column in 0..<typeCount {
            var sum: Int64 = 0
            for offset in stride(from: column, to: profile.sampleValues.count, by: typeCount) {
                let value = profile.sampleValues[offset]
                let (next, overflow) = sum.addingReportingOverflow(value == .min ? Int64.max : abs(value))
                guard !overflow, next <= maxValueSum else {
                    let type = profile.sampleType(column).type
                    throw .invalid("the \(type) values add up to more than 2^62 (\(maxValueSum)): totals would overflow")
                }
                sum = next
            }
        }
    }

    private static func isNonDecreasing(_ starts: [UInt32]) -> Bool {
        var previous: UInt32 = 0
        for start in starts {
            if start < previous { return false }
            previous = start
        }
        return true
    }
}

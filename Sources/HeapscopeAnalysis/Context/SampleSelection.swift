import HeapscopeProfile

/// Errors of analysis options, with pprof's wording where pprof has one.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The profile has no sample types at all.
    case noSampleTypes
    /// A numeric sample index past the last sample type.
    case sampleIndexOutOfRange(String, last: Int)
    /// A sample index name no sample type has.
    case unknownSampleIndex(String, choices: [String])
    /// Any other invalid option value.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .noSampleTypes:
            return "profile has no samples"
        case .sampleIndexOutOfRange(let index, let last):
            return "sample_index \(index) is outside the range [0..\(last)]"
        case .unknownSampleIndex(let name, let choices):
            return "sample_index \"\(name)\" must be one of: [\(choices.joined(separator: " "))]"
        case .invalidOption(let message):
            return message
        }
    }
}

/// Chooses the sample column, as pprof's `SampleIndexByName`.
public enum SampleSelection {
    /// `spec` is nil/empty (the profile's default sample type, else the last
    /// type), a 0-based number, or a type name (`inuse_` may be left off for
    /// legacy `space`/`objects` profiles).
    public static func index(in profile: Profile, spec: String?) throws(AnalysisError) -> Int {
        let types = profile.sampleTypeNames
        guard !types.isEmpty else { throw .noSampleTypes }
        guard let spec, !spec.isEmpty else {
            if !profile.defaultSampleType.isEmpty, let index = types.firstIndex(of: profile.defaultSampleType) {
                return index
            }
            return types.count - 1
        }
        if let number = Int(spec) {
            guard number >= 0 && number < types.count else {
                throw .sampleIndexOutOfRange(spec, last: types.count - 1)
            }
            return number
        }
        let legacy = spec.hasPrefix("inuse_") ? String(spec.dropFirst(6)) : spec
        if let index = types.firstIndex(where: { $0 == spec || $0 == legacy }) {
            return index
        }
        throw .unknownSampleIndex(spec, choices: Array(types))
    }
}

import HeapscopeProfile

/// Why a series of snapshots cannot be compared.
public enum TrendError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewSnapshots(Int)
    /// `file`'s chosen sample type differs from `firstFile`'s.
    case sampleTypeMismatch(file: String, type: String, firstFile: String, firstType: String)
    /// `file` is not a heap profile of the kind the series is (see `ProfileKind`).
    case otherKind(file: String, kind: ProfileKind, expected: ProfileKind)
    /// The warm-up leaves fewer than two snapshots to judge.
    case warmupTooLong(warmup: Int, snapshots: Int)

    public var description: String {
        switch self {
        case .tooFewSnapshots(let count):
            return "trend needs at least 2 snapshots, got \(count)"
        case .sampleTypeMismatch(let file, let type, let firstFile, let firstType):
            return "\(file): sample type \(type) does not match \(firstType) of \(firstFile)"
        case .otherKind(let file, let kind, let expected):
            return "\(file): \(kind.description), but the series is of \(expected.plural)\(kind.hint)"
        case .warmupTooLong(let warmup, let snapshots):
            return "--warmup \(warmup) leaves fewer than 2 of the \(snapshots) snapshots to judge"
        }
    }
}

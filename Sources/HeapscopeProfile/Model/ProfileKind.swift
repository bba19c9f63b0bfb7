/// What kind of profile a file is, as far as its sample types, default type
/// and duration tell: a series of heap snapshots must not mix kinds.
public enum ProfileKind: Sendable, Equatable {
    /// `/debug/pprof/heap`, `pprof.WriteHeapProfile`: what is held now.
    case heap
    /// `/debug/pprof/allocs`: the same samples, alloc_space by default.
    case allocs
    /// `/debug/pprof/heap?seconds=N`: the change over N seconds, not what is held.
    case heapDelta
    /// `/debug/pprof/profile`: CPU time.
    case cpu
    /// Anything else, named by its sample types (goroutine, mutex, block, …).
    case other(String)

    public init(_ profile: Profile) {
        let types = profile.sampleTypeNames
        if types.contains("inuse_space") || types.contains("alloc_space") || types.contains("inuse_objects") {
            if profile.durationNanos > 0 {
                self = .heapDelta
            } else if profile.defaultSampleType.hasPrefix("alloc_") {
                self = .allocs
            } else {
                self = .heap
            }
        } else if types.elementsEqual(["samples", "cpu"]) || profile.periodType.type == "cpu" {
            self = .cpu
        } else {
            self = .other(profile.sampleTypes.indices.lazy.map { ProfileMerger.describe(profile.sampleType($0)) }.joined(separator: ", "))
        }
    }

    /// "a heap profile", "an allocs profile", …
    public var description: String {
        switch self {
        case .heap: return "a heap profile"
        case .allocs: return "an allocs profile (/debug/pprof/allocs, alloc_space by default)"
        case .heapDelta: return "a delta heap profile (?seconds=N: what changed over N seconds, not what is held)"
        case .cpu: return "a CPU profile"
        case .other(let types): return "a profile of \(types), not a heap profile"
        }
    }

    /// "heap profiles", "allocs profiles", …
    public var plural: String {
        switch self {
        case .heap: return "heap profiles"
        case .allocs: return "allocs profiles"
        case .heapDelta: return "delta heap profiles"
        case .cpu: return "CPU profiles"
        case .other(let types): return "profiles of \(types)"
        }
    }

    /// What to do instead, after a semicolon, or "".
    public var hint: String {
        switch self {
        case .allocs: return "; fetch /debug/pprof/heap, or choose the column with --sample-index"
        case .heapDelta: return "; fetch /debug/pprof/heap without ?seconds="
        default: return ""
        }
    }
}

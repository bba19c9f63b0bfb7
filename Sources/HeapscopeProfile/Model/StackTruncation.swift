/// Which samples' stacks the Go runtime cut at its depth limit: 32 frames
/// before Go 1.23, 128 since. A profile does not say which Go wrote it, so
/// the limit is 128 when any stack is deeper than 32 frames, else 32.
///
/// - protobuf: a stack of exactly `depthLimit` frames (inlined frames
///   counted) was cut: a complete stack that fills the buffer ends in
///   `runtime.goexit`, which the runtime leaves out, so it is one shorter.
///   A cut stack whose leading runtime frames were hidden is missed.
/// - Go legacy text: a record with exactly `depthLimit` addresses whose
///   last address is not a hidden frame (`runtime.goexit` has no comment).
public struct StackTruncation: Sendable, Equatable {
    /// The depth limit the profile's stacks were judged against.
    public var depthLimit: Int = 32
    /// The cut samples' indices, ascending.
    public var samples: [Int] = []

    public init(depthLimit: Int = 32, samples: [Int] = []) {
        self.depthLimit = depthLimit
        self.samples = samples
    }

    /// The runtime's depth limits: before Go 1.23, and since.
    static let goLimits = (old: 32, new: 128)

    /// The limit for stacks whose deepest has `maxDepth` frames.
    public static func depthLimit(forDeepest maxDepth: Int) -> Int {
        maxDepth > goLimits.old ? goLimits.new : goLimits.old
    }

    /// Judges a decoded protobuf profile by its frame counts.
    public static func detect(in profile: Profile) -> StackTruncation {
        // A byte a location and no array per sample: only depths of exactly
        // one of the limits matter, and a location of more lines than the
        // larger makes any stack deeper than both however many more it has.
        let frames = profile.locations.map { UInt8(clamping: max(1, Int($0.lineEnd) - Int($0.lineStart))) }
        let (deepest, cut) =
            switch profile.sampleLocations.form {
            case .narrow(let locations): depths(locations, starts: profile.sampleLocationStarts, frames: frames)
            case .wide(let locations): depths(locations, starts: profile.sampleLocationStarts, frames: frames)
            }
        let limit = depthLimit(forDeepest: deepest)
        return StackTruncation(depthLimit: limit, samples: limit == Self.goLimits.new ? cut.new : cut.old)
    }

    /// The deepest stack's frame count and the samples exactly at each limit.
    private static func depths<Index: FixedWidthInteger>(
        _ locations: [Index], starts: [UInt32], frames: [UInt8]
    ) -> (deepest: Int, cut: (old: [Int], new: [Int])) {
        var deepest = 0
        var cut: (old: [Int], new: [Int]) = ([], [])
        locations.withUnsafeBufferPointer { locations in
            starts.withUnsafeBufferPointer { starts in
                for sample in 0..<(starts.count - 1) {
                    var depth = 0
                    for slot in Int(starts[sample])..<Int(starts[sample + 1]) { depth += Int(frames[Int(locations[slot])]) }
                    deepest = max(deepest, depth)
                    if depth == Self.goLimits.old {
                        cut.old.append(sample)
                    } else if depth == Self.goLimits.new {
                        cut.new.append(sample)
                    }
                }
            }
        }
        return (deepest, cut)
    }
}

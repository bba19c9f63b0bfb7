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

    /// The limit for stacks whose deepest has `maxDepth` frames.
    public static func depthLimit(forDeepest maxDepth: Int) -> Int {
        maxDepth > 32 ? 128 : 32
    }

    /// Judges a decoded protobuf profile by its frame counts.
    public static func detect(in profile: Profile) -> StackTruncation {
        var depths: [Int] = []
        depths.reserveCapacity(profile.sampleCount)
        for sample in 0..<profile.sampleCount {
            var frames = 0
            for location in profile.stack(ofSample: sample) {
                frames += max(1, Int(profile.locations[Int(location)].lineEnd - profile.locations[Int(location)].lineStart))
            }
            depths.append(frames)
        }
        let limit = depthLimit(forDeepest: depths.max() ?? 0)
        return StackTruncation(depthLimit: limit, samples: depths.indices.filter { depths[$0] == limit })
    }
}

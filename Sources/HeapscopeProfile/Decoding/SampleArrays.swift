/// The five sample arrays of a `Profile`, created at the sizes pass 1
/// counted and written in place by pass 2: the decoder's only unchecked
/// memory. The location indices are written in 16 bits when the location
/// count allows (`LocationIndices`): the locations are decoded before the
/// samples, so no 32-bit array is ever made to be narrowed. The arrays are allocated uninitialised and handed to `fill` as
/// `SampleOutput`; nothing is copied afterwards, so a 60 MB profile's
/// sample table exists once. `SampleWriter` checks every write against the
/// region pass 1 counted for its part.
struct SampleArrays {
    /// How many elements each array holds.
    struct Sizes {
        var samples: Int
        var typeCount: Int
        var locations: Int
        var labels: Int
        /// Whether the location indices are stored in 16 bits.
        var narrow: Bool
    }

    private(set) var locations = LocationIndices()
    private(set) var values: [Int64] = []
    private(set) var labels: [Label] = []
    private(set) var locationStarts: [UInt32] = []
    private(set) var labelStarts: [UInt32] = []

    /// `fill` writes every element and returns how many labels it kept
    /// (at most `sizes.labels`), or nil when it failed: then all five
    /// arrays are left empty, so no uninitialised element escapes.
    /// `decodeSamples` has checked that the sizes do not overflow.
    init(sizes: Sizes, input: UnsafeBufferPointer<UInt8>, fill: (SampleOutput) -> Int?) {
        let valueCount = sizes.samples * sizes.typeCount
        let narrowCount = sizes.narrow ? sizes.locations : 0
        var wide: [UInt32] = []
        let narrow = [UInt16](unsafeUninitializedCapacity: narrowCount) { narrowBuffer, narrowCountOut in
            wide = [UInt32](unsafeUninitializedCapacity: sizes.locations - narrowCount) { wideBuffer, wideCountOut in
                values = [Int64](unsafeUninitializedCapacity: valueCount) { valueBuffer, valueCountOut in
                    labels = [Label](unsafeUninitializedCapacity: sizes.labels) { labelBuffer, labelCountOut in
                        locationStarts = [UInt32](unsafeUninitializedCapacity: sizes.samples + 1) {
                            locationStartBuffer, locationStartCount in
                            labelStarts = [UInt32](unsafeUninitializedCapacity: sizes.samples + 1) { labelStartBuffer, labelStartCount in
                                let output = SampleOutput(
                                    narrowLocations: narrowBuffer, wideLocations: wideBuffer, values: valueBuffer, labels: labelBuffer,
                                    locationStarts: locationStartBuffer, labelStarts: labelStartBuffer, input: input)
                                let keptLabels = fill(output).map { min($0, sizes.labels) }
                                let complete = keptLabels != nil
                                narrowCountOut = complete ? narrowCount : 0
                                wideCountOut = complete ? sizes.locations - narrowCount : 0
                                valueCountOut = complete ? valueCount : 0
                                labelCountOut = keptLabels ?? 0
                                locationStartCount = complete ? sizes.samples + 1 : 0
                                labelStartCount = complete ? sizes.samples + 1 : 0
                            }
                        }
                    }
                }
            }
        }
        locations = sizes.narrow ? LocationIndices(narrow: narrow) : LocationIndices(wide: wide)
    }
}

/// The sample arrays while pass 2 writes them, from several parts at
/// once. Unchecked Sendable: each part writes only the region pass 1
/// counted for it.
struct SampleOutput: @unchecked Sendable {
    /// The location indices: one of the two is empty.
    let narrowLocations: UnsafeMutableBufferPointer<UInt16>
    let wideLocations: UnsafeMutableBufferPointer<UInt32>
    let values: UnsafeMutableBufferPointer<Int64>
    let labels: UnsafeMutableBufferPointer<Label>
    let locationStarts: UnsafeMutableBufferPointer<UInt32>
    let labelStarts: UnsafeMutableBufferPointer<UInt32>
    /// The decompressed profile, read by every part.
    let input: UnsafeBufferPointer<UInt8>

    /// Pass 1 counted the labels pprof drops too: moves each part's kept
    /// labels down to close the gaps, fixes the label starts, and returns
    /// how many labels there are.
    func closeLabelGaps(starts: [SampleRun], ends: [SampleRun], keptLabels: [Int]) -> Int {
        var labelEnd = 0
        for part in starts.indices {
            let kept = keptLabels[part]
            let gap = starts[part].firstLabel - labelEnd
            if gap > 0 {
                for index in 0..<kept { labels[labelEnd + index] = labels[starts[part].firstLabel + index] }
                for sample in starts[part].firstSample..<ends[part].firstSample {
                    labelStarts[sample + 1] -= UInt32(gap)
                }
            }
            labelEnd += kept
        }
        locationStarts[0] = 0
        labelStarts[0] = 0
        return labelEnd
    }
}

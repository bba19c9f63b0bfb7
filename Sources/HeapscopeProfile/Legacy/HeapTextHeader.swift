import Foundation

/// The first line of a legacy heap text profile, as pprof's `parseHeap`
/// reads it: `heap profile: N: M [N: M] @ heap/RATE` (Go), `@ heap_v2/RATE`
/// or `@ heapprofile` (gperftools), `@ growthz` or `@ fragmentationz`.
struct HeapTextHeader {
    enum Sampling {
        /// Values are as recorded.
        case none
        /// Poisson sampling at the period: values are unsampled as pprof's
        /// `scaleHeapSample` does.
        case poisson
    }

    var sampling: Sampling
    var period: Int64
    /// True when the header's alloc totals differ from the inuse totals:
    /// the records then have four values (alloc and inuse).
    var hasAlloc: Bool

    /// pprof's sample types for this header.
    var sampleTypes: [ValueType] {
        hasAlloc
            ? [
                ValueType(type: "alloc_objects", unit: "count"), ValueType(type: "alloc_space", unit: "bytes"),
                ValueType(type: "inuse_objects", unit: "count"), ValueType(type: "inuse_space", unit: "bytes"),
            ]
            : [ValueType(type: "objects", unit: "count"), ValueType(type: "space", unit: "bytes")]
    }

    init(_ line: String) throws(FieldError) {
        var scanner = FieldScanner(line)
        try scanner.expect("heap profile:", "\"heap profile:\"")
        var totals: [String] = []
        for (index, separator) in [":", "[", ":", "]"].enumerated() {
            scanner.skipSpaces()
            let number = scanner.digits()
            guard !number.isEmpty else { throw FieldError(message: "expected the header's total number \(index + 1)") }
            totals.append(number)
            scanner.skipSpaces()
            try scanner.expect(separator, "\"\(separator)\" in the header")
        }
        scanner.skipSpaces()
        try scanner.expect("@", "\"@\" in the header")
        scanner.skipSpaces()
        let kind = scanner.word()
        switch kind {
        case "growthz", "growth", "fragmentationz", "fragmentation":
            sampling = .none
            period = 1
            hasAlloc = false
            return
        default:
            break
        }
        _ = scanner.take("/")
        let rateText = scanner.digits()
        var rate: Int64 = 0
        if !rateText.isEmpty {
            guard let parsed = Int64(rateText) else { throw FieldError(message: "sampling rate \(rateText) does not fit in 64 bits") }
            rate = parsed
        }
        hasAlloc = (totals[2] != totals[0] && totals[2] != "0") || (totals[3] != totals[1] && totals[3] != "0")
        switch kind {
        case "heapz_v2", "heap_v2":
            sampling = .poisson
            period = rate
        case "heapprofile":
            sampling = .none
            period = 1
        case "heap":
            // Go writes twice its MemProfileRate here.
            sampling = .poisson
            period = rate / 2
        default:
            throw FieldError(
                message: "unknown heap profile kind \"\(kind)\" (expected heap, heap_v2, heapz_v2, heapprofile, growthz or fragmentationz)")
        }
    }

    /// pprof's `scaleHeapSample`: divides a record by the probability that
    /// an allocation of its average size was sampled, `1 - exp(-size/rate)`.
    func unsample(count: Int64, size: Int64) -> (Int64, Int64) {
        sampling == .poisson ? Self.scaleHeapSample(count: count, size: size, rate: period) : (count, size)
    }

    /// pprof's `scaleHeapSample` at sampling `rate` (also used for Java heapz).
    static func scaleHeapSample(count: Int64, size: Int64, rate: Int64) -> (Int64, Int64) {
        if count == 0 || size == 0 { return (0, 0) }
        if rate <= 1 { return (count, size) }
        let averageSize = Double(size) / Double(count)
        let scale = 1 / (1 - exp(-averageSize / Double(rate)))
        return (Int64(goTruncating: Double(count) * scale), Int64(goTruncating: Double(size) * scale))
    }
}

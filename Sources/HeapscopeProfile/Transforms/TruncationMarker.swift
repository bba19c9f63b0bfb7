extension Profile {
    /// The name of the root frame `markingTruncatedStacks()` adds.
    public static let truncationMarkerName = "(truncated)"

    /// The profile with a `(truncated)` frame added at the root of every
    /// stack in `truncation.samples`, so views show where stacks were cut
    /// instead of a wrong root.
    public func markingTruncatedStacks() -> Profile {
        guard !truncation.samples.isEmpty else { return self }
        var result = self
        var cache: [String: Int32] = [:]
        let function = result.appendFunction(
            id: (functions.map(\.id).max() ?? 0) + 1, name: Self.truncationMarkerName,
            systemName: Self.truncationMarkerName, cache: &cache)
        let lineStart = Int32(truncatingIfNeeded: lines.count)
        result.lines.append(Line(function: function, line: 0))
        let marker = UInt32(truncatingIfNeeded: locations.count)
        result.locations.append(Location(id: (locations.map(\.id).max() ?? 0) + 1, lineStart: lineStart, lineEnd: lineStart + 1))
        result.sampleLocations = []
        result.sampleLocations.reserveCapacity(sampleLocations.count + truncation.samples.count)
        result.sampleLocationStarts = [0]
        var next = truncation.samples.makeIterator()
        var cut = next.next()
        for sample in 0..<sampleCount {
            result.sampleLocations.append(contentsOf: stack(ofSample: sample))
            if sample == cut {
                result.sampleLocations.append(marker)
                cut = next.next()
            }
            result.sampleLocationStarts.append(UInt32(truncatingIfNeeded: result.sampleLocations.count))
        }
        return result
    }
}

/// Profile-to-profile transforms, as pprof's `profile` package has them:
/// column totals, labels set on every sample, scaling and normalisation.
extension Profile {
    /// Σvalue per sample type.
    public var columnTotals: [Int64] {
        let typeCount = sampleTypes.count
        var totals = [Int64](repeating: 0, count: typeCount)
        for (position, value) in sampleValues.enumerated() {
            totals[position % typeCount] &+= value
        }
        return totals
    }

    /// pprof's `SetLabel`: every sample gets the string label `key`=`value`,
    /// replacing its labels with that key.
    public func settingLabel(key: String, value: String) -> Profile {
        var result = self
        var cache: [String: Int32] = [:]
        for text in [key, value] {
            if let index = strings.firstIndex(of: text) { cache[text] = Int32(truncatingIfNeeded: index) }
        }
        let keyIndex = result.intern(key, cache: &cache)
        let valueIndex = result.intern(value, cache: &cache)
        result.labels = []
        result.sampleLabelStarts = [0]
        result.labels.reserveCapacity(labels.count + sampleCount)
        for sample in 0..<sampleCount {
            for label in labels(ofSample: sample) where string(label.key) != key {
                result.labels.append(label)
            }
            result.labels.append(Label(key: keyIndex, str: valueIndex))
            result.sampleLabelStarts.append(UInt32(truncatingIfNeeded: result.labels.count))
        }
        return result
    }

    /// pprof's `ScaleN`: each column with a ratio other than 1 is multiplied
    /// by it and rounded (half away from zero); samples whose scaled columns
    /// all become zero are dropped.
    public func scaled(by ratios: [Double]) -> Profile {
        let typeCount = sampleTypes.count
        guard ratios.count == typeCount, ratios.contains(where: { $0 != 1 }) else { return self }
        var result = self
        result.sampleLocationStarts = [0]
        result.sampleLocations = []
        result.sampleValues = []
        result.sampleLabelStarts = [0]
        result.labels = []
        var values = [Int64](repeating: 0, count: typeCount)
        for sample in 0..<sampleCount {
            var keep = false
            for column in 0..<typeCount {
                var value = self.value(ofSample: sample, index: column)
                if ratios[column] != 1 {
                    value = Self.scale(value, by: ratios[column])
                    keep = keep || value != 0
                }
                values[column] = value
            }
            if keep {
                result.appendSample(locations: stack(ofSample: sample), values: values, labels: labels(ofSample: sample))
            }
        }
        return result
    }

    /// pprof's scaling of one value: multiplied through float64 and rounded
    /// half away from zero (`Scale(-1)` negates a diff base this way).
    static func scale(_ value: Int64, by ratio: Double) -> Int64 {
        Int64(goTruncating: (Double(value) * ratio).rounded())
    }

    /// pprof's `Normalize`: scales each column by Σbase/Σself (0 when
    /// Σself is 0).
    public func normalized(to base: Profile) -> Profile {
        let baseTotals = base.columnTotals
        let ratios = zip(baseTotals, columnTotals).map { baseTotal, total in
            total == 0 ? 0 : Double(baseTotal) / Double(total)
        }
        return scaled(by: ratios)
    }
}

extension Profile {
    /// pprof's `NumLabelUnits`: the unit of each numeric label key, by the
    /// key's string index. The first non-empty unit a sample gives for the
    /// key wins; a key without one is guessed from its name (`alignment` and
    /// `request` are bytes; any other key is its own unit, so the heap
    /// `bytes` label is in bytes).
    public func numericLabelUnits() -> [Int32: String] {
        var units: [Int32: String] = [:]
        for label in labels where !label.isString && (label.num != 0 || label.numUnit != 0) {
            let unit = string(label.numUnit)
            if units[label.key] == nil || (units[label.key] == "" && !unit.isEmpty) {
                units[label.key] = unit
            }
        }
        for (key, unit) in units where unit.isEmpty {
            let name = string(key)
            units[key] = (name == "alignment" || name == "request") ? "bytes" : name
        }
        return units
    }

    /// `numericLabelUnits()` keyed by the label key's name.
    public func numericLabelUnitsByName() -> [String: String] {
        var byName: [String: String] = [:]
        for (key, unit) in numericLabelUnits() { byName[string(key)] = unit }
        return byName
    }
}

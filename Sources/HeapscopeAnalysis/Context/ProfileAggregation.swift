import HeapscopeProfile

extension Profile {
    /// pprof's `Profile.Aggregate` for a granularity, as `go tool pprof`
    /// applies it before writing `-proto`: what the granularity does not
    /// keep is blanked (function names for `files`; file names for
    /// `functions`; line numbers unless `lines` or `addresses`; addresses
    /// unless `addresses`), and without inlines only each location's
    /// outermost line stays. With `addresses` and inlines nothing changes.
    public func aggregated(_ options: NodeOptions) -> Profile {
        let keep = Aggregation(options)
        if keep.inlines && keep.functions && keep.files && keep.lineNumbers && keep.address { return self }
        var result = self
        for index in result.mappings.indices {
            result.mappings[index].hasInlineFrames = result.mappings[index].hasInlineFrames && keep.inlines
            result.mappings[index].hasFunctions = result.mappings[index].hasFunctions && keep.functions
            result.mappings[index].hasFilenames = result.mappings[index].hasFilenames && keep.files
            result.mappings[index].hasLineNumbers = result.mappings[index].hasLineNumbers && keep.lineNumbers
        }
        for index in result.functions.indices {
            if !keep.functions {
                result.functions[index].nameIndex = 0
                result.functions[index].systemNameIndex = 0
            }
            if !keep.files { result.functions[index].filenameIndex = 0 }
        }
        result.lines = []
        result.lines.reserveCapacity(lines.count)
        for index in result.locations.indices {
            var location = result.locations[index]
            var range = Int(location.lineStart)..<Int(location.lineEnd)
            if !keep.inlines && range.count > 1 { range = (range.upperBound - 1)..<range.upperBound }
            location.lineStart = Int32(result.lines.count)
            for line in lines[range] {
                result.lines.append(
                    Line(
                        function: line.function, line: keep.lineNumbers ? line.line : 0,
                        column: keep.lineNumbers ? line.column : 0))
            }
            location.lineEnd = Int32(result.lines.count)
            if !keep.address { location.address = 0 }
            result.locations[index] = location
        }
        return result
    }
}

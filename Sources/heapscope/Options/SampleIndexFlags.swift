import ArgumentParser

/// Which sample column a report shows: `--sample-index` and its shorthands.
struct SampleIndexFlags: ParsableArguments {
    @Option(name: .customLong("sample-index"),
            help: "Sample type to report: a name (inuse_space, alloc_objects, …) or a 0-based number. Default: the profile's default type, else the last.")
    var sampleIndex: String?

    @Flag(name: .customLong("inuse-space"), help: "Same as --sample-index inuse_space.")
    var inuseSpace = false
    @Flag(name: .customLong("inuse-objects"), help: "Same as --sample-index inuse_objects.")
    var inuseObjects = false
    @Flag(name: .customLong("alloc-space"), help: "Same as --sample-index alloc_space.")
    var allocSpace = false
    @Flag(name: .customLong("alloc-objects"), help: "Same as --sample-index alloc_objects.")
    var allocObjects = false

    /// The sample index the flags select; warns, as pprof does, when
    /// several are given.
    func selected() -> String? {
        var choices: [String] = []
        if let sampleIndex { choices.append(sampleIndex) }
        if inuseSpace { choices.append("inuse_space") }
        if inuseObjects { choices.append("inuse_objects") }
        if allocSpace { choices.append("alloc_space") }
        if allocObjects { choices.append("alloc_objects") }
        for ignored in choices.dropFirst() {
            printError("Multiple value selections, ignoring \(ignored)")
        }
        return choices.first
    }
}

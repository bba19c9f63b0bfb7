import ArgumentParser
import HeapscopeAnalysis

/// pprof's sample filters, shared by every view.
struct FilterFlags: ParsableArguments {
    @Option(
        name: .customLong("focus"), parsing: .unconditional,
        help: ArgumentHelp(
            "Keep only samples with a frame whose function, file or binary matches this regex.", valueName: "regex"))
    var focus: String = ""

    @Option(
        name: .customLong("ignore"), parsing: .unconditional,
        help: ArgumentHelp(
            "Drop samples with a frame whose function, file or binary matches this regex.", valueName: "regex"))
    var ignore: String = ""

    @Option(
        name: .customLong("hide"), parsing: .unconditional,
        help: ArgumentHelp(
            "Remove matching frames from stacks (samples left empty are dropped).", valueName: "regex"))
    var hide: String = ""

    @Option(
        name: .customLong("show"), parsing: .unconditional,
        help: ArgumentHelp(
            "Keep only matching frames in stacks (samples left empty are dropped).", valueName: "regex"))
    var show: String = ""

    @Option(
        name: .customLong("show-from"), parsing: .unconditional,
        help: ArgumentHelp(
            "Drop frames above (rootward of) the highest matching frame; drop samples without one.", valueName: "regex"))
    var showFrom: String = ""

    @Option(
        name: .customLong("prune-from"), parsing: .unconditional,
        help: ArgumentHelp(
            "Drop frames below (leafward of) the lowest frame whose function matches.", valueName: "regex"))
    var pruneFrom: String = ""

    @Option(
        name: .customLong("tag-focus"), parsing: .unconditional,
        help: ArgumentHelp(
            "Keep samples whose labels match: key:value regexes (re1,re2), key=regex, or a numeric range such as bytes=1kb:, :64kb, 32kb, 12kb:64mb.",
            valueName: "filter"))
    var tagFocus: String = ""

    @Option(
        name: .customLong("tag-ignore"), parsing: .unconditional,
        help: ArgumentHelp(
            "Drop samples whose labels match (same forms as --tag-focus).", valueName: "filter"))
    var tagIgnore: String = ""

    @Flag(
        name: .customLong("relative-percentages"),
        help: "Show percentages of the filtered samples instead of the whole profile.")
    var relativePercentages = false

    /// Compiles the filters, printing pprof's notes (`Interpreted … as range`);
    /// a bad regex is the error line.
    func validate() throws {
        do {
            _ = try ProfileFilter(options)
        } catch {
            throw ValidationError("\(error)")  // a bad regex is a bad option value
        }
    }

    /// The filter (its notes, such as "Interpreted '1kb:' as range", go to stderr).
    func makeFilter() throws -> ProfileFilter {
        let filter = try ProfileFilter(options)
        filter.notes.forEach(printError)
        return filter
    }

    private var options: FilterOptions {
        FilterOptions(
            focus: focus, ignore: ignore, hide: hide, show: show, showFrom: showFrom,
            pruneFrom: pruneFrom, tagFocus: tagFocus, tagIgnore: tagIgnore,
            relativePercentages: relativePercentages)
    }
}

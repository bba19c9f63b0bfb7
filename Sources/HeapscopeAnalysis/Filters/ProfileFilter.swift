import HeapscopeProfile

/// The filter options of every view (pprof's focus, ignore, hide, show,
/// show_from, prune_from, tagfocus, tagignore). Empty means unset.
public struct FilterOptions: Sendable, Equatable {
    public var focus = ""
    public var ignore = ""
    public var hide = ""
    public var show = ""
    public var showFrom = ""
    public var pruneFrom = ""
    public var tagFocus = ""
    public var tagIgnore = ""
    /// Percentages of the filtered samples instead of the whole profile.
    public var relativePercentages = false

    public init(
        focus: String = "", ignore: String = "", hide: String = "", show: String = "", showFrom: String = "",
        pruneFrom: String = "", tagFocus: String = "", tagIgnore: String = "", relativePercentages: Bool = false
    ) {
        self.focus = focus
        self.ignore = ignore
        self.hide = hide
        self.show = show
        self.showFrom = showFrom
        self.pruneFrom = pruneFrom
        self.tagFocus = tagFocus
        self.tagIgnore = tagIgnore
        self.relativePercentages = relativePercentages
    }
}

/// A compiled set of filters (pprof's `applyFocus`): build it once, apply it
/// to a profile to get the samples and frames the options keep.
///
/// Regular expressions run once per distinct function, mapping or string
/// label; the per-sample pass only reads the resulting masks.
public struct ProfileFilter: Sendable {
    public let options: FilterOptions
    let focus, ignore, hide, show, showFrom, pruneFrom: FilterPattern?
    let tagFocus, tagIgnore: TagFilter?

    public init(_ options: FilterOptions) throws(FilterError) {
        func compile(_ value: String, _ option: String) throws(FilterError) -> FilterPattern? {
            value.isEmpty ? nil : try FilterPattern(value, option: option)
        }
        func compileTags(_ value: String, _ option: String) throws(FilterError) -> TagFilter? {
            value.isEmpty ? nil : try TagFilter(value, option: option)
        }
        self.options = options
        focus = try compile(options.focus, "focus")
        ignore = try compile(options.ignore, "ignore")
        hide = try compile(options.hide, "hide")
        show = try compile(options.show, "show")
        showFrom = try compile(options.showFrom, "show_from")
        tagFocus = try compileTags(options.tagFocus, "tagfocus")
        tagIgnore = try compileTags(options.tagIgnore, "tagignore")
        pruneFrom = try compile(options.pruneFrom, "prune_from")
    }

    /// True when some option would change the profile or the percentages.
    public var isActive: Bool {
        focus != nil || ignore != nil || hide != nil || show != nil || showFrom != nil || pruneFrom != nil
            || tagFocus != nil || tagIgnore != nil || options.relativePercentages
    }

    /// The messages pprof prints while compiling: a tag filter read as a
    /// numeric range, e.g. `tagfocus:Interpreted '1kb:' as range, not regexp`.
    public var notes: [String] {
        [("tagfocus", tagFocus), ("tagignore", tagIgnore)].compactMap { name, filter in
            filter?.rangeText.map { "\(name):Interpreted '\($0)' as range, not regexp" }
        }
    }

    /// The "Active filters" legend lines, as pprof words them (prune_from
    /// is not listed, as in pprof).
    public var activeFilters: [String] {
        [
            ("focus", options.focus), ("ignore", options.ignore), ("hide", options.hide), ("show", options.show),
            ("show_from", options.showFrom), ("tagfocus", options.tagFocus), ("tagignore", options.tagIgnore),
        ]
        .filter { !$0.1.isEmpty }
        .map { "\($0.0)=\($0.1)" }
    }

    /// Applies the filters in pprof's order: focus/ignore/hide/show, then
    /// show_from, then tag focus/ignore, then prune_from.
    public func apply(to profile: Profile) -> FilteredProfile {
        let masks = Masks(filter: self, profile: profile)
        var frames = rewriteLocations(of: profile, masks: masks)

        var result = profile
        result.locations = frames.locations
        result.lines = frames.lines
        result.sampleLocationStarts = [0]
        result.sampleLocations = []
        result.sampleValues = []
        result.sampleLabelStarts = [0]
        result.labels = []
        let units = tagFocus == nil && tagIgnore == nil ? [:] : profile.numericLabelUnits()
        var focusTags = tagFocus.map { TagMatcher(filter: $0, profile: profile, numericUnits: units) }
        var ignoreTags = tagIgnore.map { TagMatcher(filter: $0, profile: profile, numericUnits: units) }
        var stack: [UInt32] = []

        for sample in 0..<profile.sampleCount where !Self.isZero(sample, in: profile) {
            stack.removeAll(keepingCapacity: true)
            var focused = false
            for location in profile.stack(ofSample: sample) {
                let state = frames.focusState[Int(location)]
                if state < 0 {
                    focused = false
                    break
                }
                if state > 0 { focused = true }
                if !frames.hidden[Int(location)] { stack.append(location) }
            }
            guard focused, !stack.isEmpty else { continue }
            if showFrom != nil {
                guard let last = stack.lastIndex(where: { frames.showsFrom[Int($0)] }) else { continue }
                stack.removeSubrange((last + 1)...)
            }
            if focusTags != nil || ignoreTags != nil {
                let tagFocused = focusTags?.matches(sample: sample) ?? true
                let tagIgnored = ignoreTags?.matches(sample: sample) ?? false
                frames.matched.tagFocus = frames.matched.tagFocus || tagFocused
                frames.matched.tagIgnore = frames.matched.tagIgnore || tagIgnored
                guard tagFocused && !tagIgnored else { continue }
            }
            if pruneFrom != nil, let first = stack.firstIndex(where: { frames.prunesBeneath[Int($0)] }) {
                stack.removeSubrange(..<first)
            }
            let typeCount = profile.sampleTypes.count
            result.appendSample(
                locations: stack, values: profile.sampleValues[(sample * typeCount)..<((sample + 1) * typeCount)],
                labels: profile.labels(ofSample: sample))
        }

        let matched = frames.matched
        var warnings: [String] = []
        for (name, isSet, hit) in [
            ("Focus", focus != nil, matched.focus), ("Ignore", ignore != nil, matched.ignore),
            ("Hide", hide != nil, matched.hide), ("Show", show != nil, matched.show),
            ("ShowFrom", showFrom != nil, matched.showFrom),
            ("TagFocus", tagFocus != nil, matched.tagFocus),
            ("TagIgnore", tagIgnore != nil, matched.tagIgnore),
        ] where isSet && !hit {
            warnings.append("\(name) expression matched no samples")
        }
        let evaluations = masks.evaluations + (focusTags?.evaluations ?? 0) + (ignoreTags?.evaluations ?? 0)
        return FilteredProfile(profile: result, warnings: warnings, regexEvaluations: evaluations)
    }

    /// Each frame pattern's result per function and per mapping: the only
    /// place the frame regexes run.
    struct Masks {
        /// One pattern's result per function (name or file) and per mapping.
        typealias PatternMask = (functions: [Bool], mappings: [Bool])
        var focus, ignore, hide, show, showFrom: PatternMask?
        /// prune_from tests only function names, without their argument lists.
        var pruneFrom: [Bool]?
        var evaluations = 0

        init(filter: ProfileFilter, profile: Profile) {
            var evaluations = 0
            func masks(_ pattern: FilterPattern?) -> PatternMask? {
                guard let pattern else { return nil }
                let functions = profile.functions.map { function in
                    evaluations += 1
                    if pattern.matches(profile.name(of: function)) { return true }
                    evaluations += 1
                    return pattern.matches(profile.filename(of: function))
                }
                evaluations += profile.mappings.count
                return (functions, profile.mappings.map { pattern.matches(profile.file(of: $0)) })
            }
            focus = masks(filter.focus)
            ignore = masks(filter.ignore)
            hide = masks(filter.hide)
            show = masks(filter.show)
            showFrom = masks(filter.showFrom)
            pruneFrom = filter.pruneFrom.map { pattern in
                profile.functions.map { function in
                    let name = profile.name(of: function)
                    guard !name.isEmpty else { return false }
                    evaluations += 1
                    return pattern.matches(ProfileFilter.simplifiedName(name))
                }
            }
            self.evaluations = evaluations
        }
    }

    /// The locations' lines after hide, show, show_from and prune_from, and
    /// what each location means for the samples that use it.
    struct Frames {
        var locations: [Location]
        var lines: [Line] = []
        /// +1 focused, -1 ignored, 0 neither (pprof's focusOrIgnore map).
        var focusState: [Int8]
        /// Removed from stacks: hide or show left the location no lines.
        var hidden: [Bool]
        var showsFrom: [Bool]
        var prunesBeneath: [Bool]
        var matched = Matches()

        init(_ locations: [Location]) {
            self.locations = locations
            focusState = [Int8](repeating: 0, count: locations.count)
            hidden = [Bool](repeating: false, count: locations.count)
            showsFrom = hidden
            prunesBeneath = hidden
        }
    }

    func rewriteLocations(of profile: Profile, masks: Masks) -> Frames {
        typealias PatternMask = Masks.PatternMask
        // pprof merges every input, even a single one, which drops all-zero
        // samples and the locations no other sample uses; a filter's "matched"
        // flags only see the locations left.
        var live = [Bool](repeating: false, count: profile.locations.count)
        for sample in 0..<profile.sampleCount where !Self.isZero(sample, in: profile) {
            for location in profile.stack(ofSample: sample) { live[Int(location)] = true }
        }
        var frames = Frames(profile.locations)
        frames.lines.reserveCapacity(profile.lines.count)
        var kept: [Line] = []
        for (index, location) in profile.locations.enumerated() {
            var hit = Matches()
            kept.removeAll(keepingCapacity: true)
            kept.append(contentsOf: profile.lines(of: location))
            let mapping = Int(location.mapping)
            func matches(_ mask: PatternMask, _ line: Line) -> Bool { mask.functions[Int(line.function)] }
            func mappingMatches(_ mask: PatternMask) -> Bool {
                mapping >= 0 && mapping < mask.mappings.count && mask.mappings[mapping]
            }
            func anyLine(_ mask: PatternMask) -> Bool {
                kept.contains { matches(mask, $0) } || mappingMatches(mask)
            }

            if let ignore = masks.ignore, anyLine(ignore) {
                hit.ignore = true
                frames.focusState[index] = -1
            } else if masks.focus.map(anyLine) ?? true {
                hit.focus = true
                frames.focusState[index] = 1
            }
            if let hide = masks.hide, anyLine(hide) {
                hit.hide = true
                if mappingMatches(hide) { kept.removeAll() } else { kept.removeAll { matches(hide, $0) } }
                if kept.isEmpty { frames.hidden[index] = true }
            }
            if let show = masks.show {
                if !mappingMatches(show) { kept.removeAll { !matches(show, $0) } }
                if kept.isEmpty { frames.hidden[index] = true } else { hit.show = true }
            }
            if let showFrom = masks.showFrom {
                if mappingMatches(showFrom) {
                    frames.showsFrom[index] = true
                } else if let last = kept.lastIndex(where: { matches(showFrom, $0) }) {
                    kept.removeSubrange((last + 1)...)
                    frames.showsFrom[index] = true
                }
                hit.showFrom = frames.showsFrom[index]
            }
            if live[index] { frames.matched.add(hit) }
            if let prune = masks.pruneFrom, let first = kept.firstIndex(where: { prune[Int($0.function)] }) {
                frames.prunesBeneath[index] = true
                kept.removeSubrange(..<first)
            }
            frames.locations[index].lineStart = Int32(truncatingIfNeeded: frames.lines.count)
            frames.lines.append(contentsOf: kept)
            frames.locations[index].lineEnd = Int32(truncatingIfNeeded: frames.lines.count)
        }
        return frames
    }

    /// True when every value of the sample is zero.
    static func isZero(_ sample: Int, in profile: Profile) -> Bool {
        let typeCount = profile.sampleTypes.count
        return !profile.sampleValues[(sample * typeCount)..<((sample + 1) * typeCount)].contains { $0 != 0 }
    }

    /// Which filters matched something.
    struct Matches {
        var focus = false, ignore = false, hide = false, show = false, showFrom = false
        var tagFocus = false, tagIgnore = false

        mutating func add(_ other: Matches) {
            focus = focus || other.focus
            ignore = ignore || other.ignore
            hide = hide || other.hide
            show = show || other.show
            showFrom = showFrom || other.showFrom
        }
    }

    /// pprof's `simplifyFunc`: the name without a leading `.` and without
    /// its argument list, cut at the first `(` that does not belong to
    /// `(anonymous namespace)` or `operator()`.
    static func simplifiedName(_ name: String) -> String {
        let trimmed = name.hasPrefix(".") ? name.dropFirst() : Substring(name)
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let rest = trimmed[index...]
            if let reserved = ["(anonymous namespace)", "operator()"].first(where: { rest.hasPrefix($0) }) {
                index = trimmed.index(index, offsetBy: reserved.count)
            } else if trimmed[index] == "(" {
                return String(trimmed[..<index])
            } else {
                index = trimmed.index(after: index)
            }
        }
        return String(trimmed)
    }
}

/// A filtered profile, what pprof warns about, and how many times a regular
/// expression ran (bounded by distinct functions, mappings and labels).
public struct FilteredProfile: Sendable {
    public var profile: Profile
    /// `Focus expression matched no samples` and the like, for stderr.
    public var warnings: [String]
    /// How many times a regular expression was run (a test hook: filters
    /// match each distinct name once).
    package var regexEvaluations: Int
}

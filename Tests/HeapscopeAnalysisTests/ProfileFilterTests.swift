import HeapscopeProfile
import Testing

@testable import HeapscopeAnalysis

/// A profile of `sampleCount` samples over three stacks:
/// main.main -> main.alloc -> (inlined) main.helper, main.main -> runtime.grow,
/// main.main -> main.other; each sample has a numeric `bytes` label and a
/// string `kind` label.
private func syntheticProfile(sampleCount: Int) -> Profile {
    var profile = Profile()
    var cache: [String: Int32] = [:]
    profile.appendSampleType(ValueType(type: "inuse_space", unit: "bytes"), cache: &cache)
    profile.appendMapping(MappingDetails(id: 1, file: "/bin/app"), cache: &cache)
    let names = ["main.main", "main.alloc", "main.helper", "runtime.grow", "main.other"]
    for (index, name) in names.enumerated() {
        profile.appendFunction(
            id: UInt64(index + 1), name: name, filename: name.hasPrefix("runtime") ? "runtime/grow.go" : "app/main.go", cache: &cache)
    }
    // Location 0: main.main; 1: main.helper inlined into main.alloc; 2: runtime.grow; 3: main.other.
    profile.lines = [
        Line(function: 0, line: 10), Line(function: 2, line: 20), Line(function: 1, line: 30),
        Line(function: 3, line: 40), Line(function: 4, line: 50),
    ]
    profile.locations = [
        Location(id: 1, mapping: 0, address: 0x10, lineStart: 0, lineEnd: 1),
        Location(id: 2, mapping: 0, address: 0x20, lineStart: 1, lineEnd: 3),
        Location(id: 3, mapping: 0, address: 0x30, lineStart: 3, lineEnd: 4),
        Location(id: 4, mapping: 0, address: 0x40, lineStart: 4, lineEnd: 5),
    ]
    let bytesKey = profile.intern("bytes", cache: &cache)
    let kindKey = profile.intern("kind", cache: &cache)
    let kinds = [profile.intern("small", cache: &cache), profile.intern("large", cache: &cache)]
    let stacks: [[UInt32]] = [[1, 0], [2, 0], [3, 0]]
    for sample in 0..<sampleCount {
        let size = Int64(sample % 3 == 0 ? 4096 : 64)
        profile.appendSample(
            locations: stacks[sample % 3], values: [size],
            labels: [Label(key: bytesKey, num: size), Label(key: kindKey, str: kinds[sample % 2])])
    }
    return profile
}

private func filter(_ options: FilterOptions) throws -> ProfileFilter {
    try ProfileFilter(options)
}

/// The function names of every kept sample's stack, leaf first.
private func stacks(_ profile: Profile) -> [[String]] {
    (0..<profile.sampleCount).map { sample in
        profile.stack(ofSample: sample).flatMap { location in
            profile.lines(of: profile.locations[Int(location)]).map { profile.name(of: profile.functions[Int($0.function)]) }
        }
    }
}

@Suite("ProfileFilter")
struct ProfileFilterTests {
    @Test("regexes run once per function, mapping and label, not per sample")
    func evaluationsDoNotGrowWithSamples() throws {
        let options = FilterOptions(
            focus: "main\\.", ignore: "zzz", hide: "helper", show: "main",
            showFrom: "alloc", pruneFrom: "alloc", tagFocus: "kind:small,kind:s", tagIgnore: "x")
        let small = try filter(options).apply(to: syntheticProfile(sampleCount: 6))
        let large = try filter(options).apply(to: syntheticProfile(sampleCount: 6000))
        #expect(small.regexEvaluations == large.regexEvaluations)
        // Five functions (name, then file when the name fails) and one
        // mapping per location regex, five names for prune_from, and two
        // patterns × two distinct `kind` labels for the tag filters at most.
        #expect(large.regexEvaluations <= 5 * (5 * 2 + 1) + 5 + 2 * 2 + 2)
        #expect(large.profile.sampleCount > 0)
    }

    @Test func focusKeepsSamplesWithAMatchingFrame() throws {
        let result = try filter(FilterOptions(focus: "grow")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(stacks(result.profile) == [["runtime.grow", "main.main"]])
        #expect(result.warnings.isEmpty)
    }

    @Test func ignoreWinsOverFocus() throws {
        let result = try filter(FilterOptions(focus: "main", ignore: "helper")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(stacks(result.profile) == [["runtime.grow", "main.main"], ["main.other", "main.main"]])
    }

    @Test func focusMatchesFileAndMappingNames() throws {
        let byFile = try filter(FilterOptions(focus: "grow\\.go$")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(byFile.profile.sampleCount == 1)
        let byMapping = try filter(FilterOptions(focus: "^/bin/app$")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(byMapping.profile.sampleCount == 3)
    }

    @Test func hideRemovesInlinedLinesAndShowKeepsOnlyMatches() throws {
        let hidden = try filter(FilterOptions(hide: "helper")).apply(to: syntheticProfile(sampleCount: 1))
        #expect(stacks(hidden.profile) == [["main.alloc", "main.main"]])
        let shown = try filter(FilterOptions(show: "alloc|grow")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(stacks(shown.profile) == [["main.alloc"], ["runtime.grow"]])
    }

    @Test func showFromCutsAboveTheHighestMatch() throws {
        let result = try filter(FilterOptions(showFrom: "helper")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(stacks(result.profile) == [["main.helper"]])
    }

    @Test func pruneFromCutsBelowTheLowestMatch() throws {
        let result = try filter(FilterOptions(pruneFrom: "alloc")).apply(to: syntheticProfile(sampleCount: 1))
        #expect(stacks(result.profile) == [["main.alloc", "main.main"]])
    }

    @Test func warningsNameTheFiltersThatMatchedNothing() throws {
        let result = try filter(
            FilterOptions(
                focus: "nope", ignore: "nope", hide: "nope", show: "nope", showFrom: "nope",
                tagFocus: "nope", tagIgnore: "nope")
        )
        .apply(to: syntheticProfile(sampleCount: 3))
        #expect(
            result.warnings == [
                "Focus expression matched no samples", "Ignore expression matched no samples",
                "Hide expression matched no samples", "Show expression matched no samples",
                "ShowFrom expression matched no samples", "TagFocus expression matched no samples",
                "TagIgnore expression matched no samples",
            ])
        #expect(result.profile.sampleCount == 0)
        let tags = try filter(FilterOptions(tagFocus: "nope", tagIgnore: "nope")).apply(to: syntheticProfile(sampleCount: 3))
        #expect(tags.warnings == ["TagFocus expression matched no samples", "TagIgnore expression matched no samples"])
    }

    @Test("all-zero samples and their locations are gone, as after pprof's merge")
    func zeroSamplesDoNotMatch() throws {
        var profile = syntheticProfile(sampleCount: 3)
        var cache: [String: Int32] = [:]
        profile.appendFunction(id: 6, name: "main.zero", cache: &cache)
        profile.lines.append(Line(function: 5, line: 60))
        profile.locations.append(Location(id: 5, mapping: 0, address: 0x50, lineStart: 5, lineEnd: 6))
        profile.appendSample(locations: [4, 0], values: [0], labels: [])
        let result = try filter(FilterOptions(focus: "zero")).apply(to: profile)
        #expect(result.warnings == ["Focus expression matched no samples"])
        #expect(result.profile.sampleCount == 0)
    }

    @Test func tagFiltersOnStringAndNumericLabels() throws {
        let profile = syntheticProfile(sampleCount: 6)
        #expect(try filter(FilterOptions(tagFocus: "kind:small")).apply(to: profile).profile.sampleCount == 3)
        #expect(try filter(FilterOptions(tagFocus: "kind=large,none")).apply(to: profile).profile.sampleCount == 3)
        #expect(try filter(FilterOptions(tagFocus: "kind:small,kind:large")).apply(to: profile).profile.sampleCount == 0)
        #expect(try filter(FilterOptions(tagFocus: "bytes=4kb")).apply(to: profile).profile.sampleCount == 2)
        #expect(try filter(FilterOptions(tagFocus: "1kb:")).apply(to: profile).profile.sampleCount == 2)
        #expect(try filter(FilterOptions(tagIgnore: ":64b")).apply(to: profile).profile.sampleCount == 2)
        #expect(try filter(FilterOptions(tagFocus: "bytes=64")).apply(to: profile).profile.sampleCount == 0)
    }

    @Test func numericRanges() {
        let exact = NumericRange("32kb")
        #expect(exact?.unit == "kB" && exact?.low == 32 && exact?.high == 32)
        #expect(NumericRange("4mb:")?.low == 4 && NumericRange("4mb:")?.high == nil)
        #expect(NumericRange(":64kb")?.high == 64 && NumericRange(":64kb")?.low == nil)
        let range = NumericRange("12kb:64mb")
        #expect(range?.unit == "kB" && range?.low == 12 && range?.high == 65536)
        #expect(NumericRange("-5:+5")?.low == -5)
        #expect(NumericRange("12kb:64ms") == nil)
        #expect(NumericRange("main") == nil)
        #expect(NumericRange("a32kb") == nil)
        #expect(NumericRange("1:2:3") == nil)
        #expect(NumericRange("1kb:")?.contains(1024, unit: "bytes") == true)
        #expect(NumericRange("1kb:")?.contains(1023, unit: "bytes") == false)
        #expect(NumericRange("1kb:")?.contains(5000, unit: "ms") == false)
    }

    @Test func activeFiltersAndNotes() throws {
        let f = try filter(
            FilterOptions(
                focus: "a", ignore: "b", hide: "c", show: "d", showFrom: "e", pruneFrom: "f",
                tagFocus: "bytes=1kb:", tagIgnore: "g"))
        #expect(f.activeFilters == ["focus=a", "ignore=b", "hide=c", "show=d", "show_from=e", "tagfocus=bytes=1kb:", "tagignore=g"])
        #expect(f.notes == ["tagfocus:Interpreted '1kb:' as range, not regexp"])
    }

    @Test func badRegexNamesTheOption() {
        #expect(throws: FilterError.self) { try ProfileFilter(FilterOptions(showFrom: "(")) }
        do {
            _ = try ProfileFilter(FilterOptions(tagIgnore: "kind=ok,["))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("parsing tagignore regexp '['"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func goSyntaxOnly() throws {
        // RE2 refuses what Go refuses: backreferences and lookaround.
        #expect(throws: FilterError.self) { try FilterPattern("(a)\\1", option: "focus") }
        #expect(throws: FilterError.self) { try FilterPattern("a(?=b)", option: "focus") }
    }

    @Test func linearTime() throws {
        // (a+)+$ against 10,000 a's and a '!': exponential for a backtracking engine.
        let name = String(repeating: "a", count: 10_000) + "!"
        let clock = ContinuousClock()
        let pattern = try FilterPattern("(a+)+$", option: "focus")
        let list = try NamePattern("(a+)+$")
        var matched = true
        let elapsed = clock.measure { matched = pattern.matches(name) || list.matches(name) }
        #expect(!matched)
        #expect(elapsed < .milliseconds(100))
    }

    @Test func goSyntax() throws {
        #expect(try FilterPattern("\\Qa.b\\E$", option: "focus").matches("xa.b"))
        #expect(try !FilterPattern("\\Qa.b\\E$", option: "focus").matches("xaxb"))
        #expect(try FilterPattern("\\pLx", option: "focus").matches("ax"))
        #expect(try FilterPattern("(?i)MAIN\\.", option: "focus").matches("main.x"))
        #expect(try FilterPattern("[[:upper:]]ache", option: "focus").matches("main.Cache"))
    }

    @Test func simplifiedNames() {
        #expect(ProfileFilter.simplifiedName("main.(*T).Put") == "main.")
        #expect(ProfileFilter.simplifiedName(".foo(int)") == "foo")
        #expect(ProfileFilter.simplifiedName("(anonymous namespace)::f(int)") == "(anonymous namespace)::f")
        #expect(ProfileFilter.simplifiedName("A::operator()(int)") == "A::operator()")
    }

    @Test func relativePercentagesTotalTheFilteredSamples() throws {
        let profile = syntheticProfile(sampleCount: 3)
        let options = ReportOptions()
        let whole = try ReportContext(profile: profile, options: options, filter: try filter(FilterOptions(focus: "grow")))
        #expect(whole.total == 4096 + 64 + 64)
        #expect(whole.profile.sampleCount == 1)
        #expect(whole.activeFilters == ["focus=grow"])
        let relative = try ReportContext(
            profile: profile, options: options,
            filter: try filter(FilterOptions(focus: "grow", relativePercentages: true)))
        #expect(relative.total == 64)
    }
}

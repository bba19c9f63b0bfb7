import Testing

@Suite("filters and granularities match go tool pprof")
struct FilterGoldenTests {
    @Test(arguments: GoldenCase.all(prefix: "filter-") + GoldenCase.all(prefix: "gran-"))
    func matchesGolden(_ golden: GoldenCase) throws {
        try expectMatchesGolden(golden)
    }

    @Test func manifestHasCases() {
        #expect(GoldenCase.all(prefix: "filter-").count >= 50)
        #expect(GoldenCase.all(prefix: "gran-").count == 70)
    }

    /// go tool pprof's stderr for the same cases (Go 1.19).
    @Test(arguments: [
        ("filter-mapleak-focus-nomatch", "Focus expression matched no samples\n"),
        ("filter-mapleak-ignore-nomatch", "Ignore expression matched no samples\n"),
        ("filter-stdlib-tagfocus-min", "tagfocus:Interpreted '1kb:' as range, not regexp\n"),
        (
            "filter-stdlib-tagfocus-nounit",
            "tagfocus:Interpreted '2048' as range, not regexp\nTagFocus expression matched no samples\n"
        ),
        ("filter-stdlib-tagfocus-regex", "TagFocus expression matched no samples\n"),
        (
            "filter-stdlib-tagfocus-tagignore",
            "tagfocus:Interpreted '16b:1mb' as range, not regexp\ntagignore:Interpreted '48b' as range, not regexp\n"
        ),
        ("filter-mapleak-focus-cache", ""),
        // Only locations of all-zero samples match: pprof's load-time merge drops them.
        ("filter-recursive-focus-unreferenced", "Focus expression matched no samples\n"),
        ("filter-labels-tagfocus-nomatch", "TagFocus expression matched no samples\n"),
    ])
    func stderrMatchesPprof(_ id: String, _ expected: String) throws {
        let golden = try #require(GoldenCase.all(prefix: id).first { $0.id == id })
        let result = try CLI.run(golden.arguments)
        #expect(result.status == 0)
        #expect(result.stderr == expected)
    }

    @Test func allFiltersWarnInPprofOrder() throws {
        let result = try CLI.run([
            "top", "--focus", "zz1", "--ignore", "zz2", "--hide", "zz3", "--show", "zz4",
            "--show-from", "zz5", "--tag-focus", "zz6", "--tag-ignore", "zz7",
            "Fixtures/profiles/mapleak.pb.gz",
        ])
        #expect(result.status == 0)
        #expect(
            result.stderr == """
                Focus expression matched no samples
                Ignore expression matched no samples
                Hide expression matched no samples
                Show expression matched no samples
                ShowFrom expression matched no samples
                TagFocus expression matched no samples
                TagIgnore expression matched no samples

                """)
        #expect(
            result.stdout.contains(
                "Active filters:\n   focus=zz1\n   ignore=zz2\n   hide=zz3\n   show=zz4\n   show_from=zz5\n   tagfocus=zz6\n   tagignore=zz7\n"
            ))
    }

    @Test(arguments: [
        (["--focus", "("], "Error: parsing focus regexp '('"),
        (["--ignore", "a)"], "Error: parsing ignore regexp 'a)'"),
        (["--prune-from", "x**"], "Error: parsing prune_from regexp 'x**'"),
        (["--tag-focus", "kind=ok,[z-a]"], "Error: parsing tagfocus regexp '[z-a]'"),
    ])
    func badRegexIsAUsageError(_ options: [String], _ prefix: String) throws {
        let result = try CLI.run(["top"] + options + ["Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(prefix))
        #expect(result.stderr.split(separator: "\n").first?.hasPrefix("Usage:") == false)
    }

    @Test func jsonHeaderCarriesTheFilters() throws {
        let result = try CLI.run(["top", "--format", "json", "--focus", "cache", "Fixtures/profiles/mapleak.pb.gz"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("focus=cache"))
        #expect(!result.stdout.contains("main.churnInsertDelete"))
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeReport

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "What a profile is: producer, sample types, time, counts and totals.",
        discussion: """
            Examples:
              heapscope info heap.pb.gz
              heapscope info --format json heap.pb.gz
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: TextFormat = .text

    @Argument(help: "Profile files (.pb.gz) or http(s) URLs (/debug/pprof/heap). Several are merged.")
    var profiles: [String]

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("give at least one profile") }
    }

    func run() throws {
        let profile = try loadProfiles(profiles, options: try source.loadOptions(), forText: format == .text)
        let view = InfoView(profile: profile)
        try format.stream(text: { InfoRenderer.write(view, to: &$0) }, json: InfoRenderer.json(view))
    }
}

import ArgumentParser
import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the profile, after merge, base and filters, as pprof, folded stacks or speedscope.",
        discussion: """
            Takes every report option: several profiles are merged, --base and \
            --diff-base combine with a base as pprof does, and the filters apply.

            proto       a gzipped profile.proto, as go tool pprof -proto writes it: \
            all sample types, addresses, files and lines kept (--granularity does \
            not apply; --no-inlines keeps only each location's outermost line). \
            go tool pprof, Pyroscope, Parca and speedscope read it.
            folded      one line per distinct stack, `root;…;leaf VALUE`, of the \
            --sample-index column (flamegraph.pl, inferno, speedscope). Names \
            have `;` turned into `:` and line breaks into spaces.
            speedscope  speedscope's JSON file format, unit bytes or none. A \
            diff cannot be loaded by speedscope; use `heapscope flame --diff-base`.

            Examples:
              heapscope export --format proto -o merged.pb.gz a.pb.gz b.pb.gz
              heapscope export --format proto --diff-base old.pb.gz new.pb.gz > diff.pb.gz
              heapscope export --format folded --alloc-space heap.pb.gz | flamegraph.pl > heap.svg
              heapscope export --format speedscope --focus 'main\\.' -o heap.speedscope.json heap.pb.gz
            """)

    @OptionGroup var input: ReportInput

    @Option(name: .customLong("format"), help: "Output format: proto, folded or speedscope.")
    var format: ExportFormat = .proto

    @OptionGroup var output: OutputFile

    func run() throws {
        if format == .speedscope && !input.diff.diffBase.isEmpty {
            throw CLIError(Self.speedscopeDiffError)
        }
        let context = try input.context(defaultNodeCount: 0)
        switch format {
        case .proto:
            // pprof writes -proto at address granularity: only --no-inlines changes the locations.
            let profile = context.profile.aggregated(NodeOptions(granularity: .addresses, inlines: context.options.nodes.inlines))
            try output.write(try failing { try ProfileEncoder.encodeGzipped(profile) })
        case .folded:
            let groups = StackGroups(context: context)
            try output.stream { FoldedRenderer.write(groups, to: &$0) }
        case .speedscope:
            let groups = StackGroups(context: context)
            if groups.hasNegative { throw CLIError(Self.speedscopeDiffError) }
            try output.stream {
                SpeedscopeRenderer.write(
                    groups, name: input.profiles.joined(separator: " "), sampleType: context.sampleType,
                    sampleUnit: context.sampleUnit, exporter: "heapscope \(Heapscope.configuration.version)", to: &$0)
            }
        }
    }

    static let speedscopeDiffError =
        "speedscope cannot show a diff (it rejects negative weights); use heapscope flame --diff-base for a diff flame graph"
}

/// What `export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case proto, folded, speedscope
}

import HeapscopeProfile

/// Annotated source of the functions whose names match a pattern (pprof's
/// `-list`). The context must be built at line granularity with object names
/// kept (`ListView.nodeOptions`) and without pruning.
public struct ListView: Sendable {
    /// One source line of a routine.
    public struct SourceLine: Sendable, Equatable {
        public var number: Int64
        public var text: String
        public var flat: Int64
        public var cum: Int64
    }

    /// What a routine block shows under its header.
    public enum Content: Sendable, Equatable {
        case source([SourceLine])
        /// The file could not be read; the message says which file and where
        /// it was looked for.
        case missing(String)
        /// No node of the function has a file name.
        case noSourceInformation
    }

    /// One function in one file (`file` is nil with `.noSourceInformation`).
    public struct Routine: Sendable, Equatable {
        public var function: String
        public var file: String?
        /// Sum of flat and of cum over the function's lines (the cum sum can
        /// pass the total with recursion, as in pprof).
        public var flat: Int64
        public var cum: Int64
        public var content: Content
    }

    public var pattern: String
    public var routines: [Routine]
    public var total: Int64
    public var sampleUnit: String
    public var outputUnit: String

    /// Lines shown before the first and after the last sampled line.
    static let margin: Int64 = 5

    /// The node options `list` needs: lines, object names, and the file-name
    /// rewrite of the given trim and source paths.
    public static func nodeOptions(inlines: Bool, trimPath: String, sourcePath: String) -> NodeOptions {
        NodeOptions(
            granularity: .lines, inlines: inlines, objectNames: true,
            fileNames: FileNameRewriter(trimPath: trimPath, sourcePath: sourcePath))
    }

    public init(context: ReportContext, pattern: NamePattern, reader: SourceReader) throws(AnalysisError) {
        let graph = CallGraph(profile: context.profile, table: context.table, options: context.buildOptions)
        let infos = context.table.infos
        // Group the graph's nodes by function name; the pattern is tried once per name.
        var nodesByFunction: [String: [Int32]] = [:]
        var matched: [String: Bool] = [:]
        for node in graph.nodes.sorted() {
            let name = infos[Int(node)].name
            let isMatch = matched[name] ?? pattern.matches(name)
            matched[name] = isMatch
            if isMatch { nodesByFunction[name, default: []].append(node) }
        }
        if nodesByFunction.isEmpty { throw pattern.noMatches }

        var routines: [Routine] = []
        for function in nodesByFunction.keys.sorted(by: CallGraph.goLess) {
            var nodesByFile: [String: [Int32]] = [:]
            for node in nodesByFunction[function] ?? [] where !infos[Int(node)].file.isEmpty {
                nodesByFile[infos[Int(node)].file, default: []].append(node)
            }
            if nodesByFile.isEmpty {
                routines.append(Routine(function: function, file: nil, flat: 0, cum: 0, content: .noSourceInformation))
                continue
            }
            for file in nodesByFile.keys.sorted(by: CallGraph.goLess) {
                let nodes = nodesByFile[file] ?? []
                let flat = nodes.reduce(Int64(0)) { $0 &+ graph.flat[Int($1)] }
                let cum = nodes.reduce(Int64(0)) { $0 &+ graph.cum[Int($1)] }
                let content: Content
                switch reader.lines(of: file) {
                case .failure(let error): content = .missing(error.message)
                case .success(let text): content = .source(Self.annotate(text, nodes: nodes, infos: infos, graph: graph))
                }
                routines.append(Routine(function: function, file: file, flat: flat, cum: cum, content: content))
            }
        }
        self.pattern = pattern.source
        self.routines = routines
        total = context.total
        sampleUnit = context.sampleUnit
        outputUnit = context.options.outputUnit
    }

    /// The lines from the function's start line (or the first sampled line
    /// minus the margin) to the last sampled line plus the margin, cut at the
    /// end of the file, with each line's flat and cum.
    static func annotate(_ text: [String], nodes: [Int32], infos: [NodeInfo], graph: CallGraph) -> [SourceLine] {
        var start = Int64.max
        var end = Int64.min
        var values: [Int64: (flat: Int64, cum: Int64)] = [:]
        for node in nodes {
            let info = infos[Int(node)]
            start = min(start, info.startLine != 0 ? info.startLine : info.lineNumber - margin)
            end = max(end, info.lineNumber + margin)
            let sum = values[info.lineNumber] ?? (0, 0)
            values[info.lineNumber] = (sum.flat &+ graph.flat[Int(node)], sum.cum &+ graph.cum[Int(node)])
        }
        start = max(start, 1)
        end = min(end, Int64(text.count))
        guard start <= end else { return [] }
        return (start...end).map { number in
            let sum = values[number] ?? (0, 0)
            return SourceLine(number: number, text: text[Int(number) - 1], flat: sum.flat, cum: sum.cum)
        }
    }
}

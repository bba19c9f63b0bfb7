import HeapscopeProfile

/// Options every report shares: which column, how nodes are formed and
/// pruned, in what order, and in which unit values print.
public struct ReportOptions: Sendable {
    /// Sample column: nil for the default, a number, or a type name.
    public var sampleIndex: String?
    public var nodes: NodeOptions
    public var prune: PruneOptions
    public var order: NodeOrder
    /// "minimum" (one unit for the whole report), "auto" or a unit name.
    public var outputUnit: String
    public var dropNegative: Bool

    public init(
        sampleIndex: String? = nil, nodes: NodeOptions = NodeOptions(), prune: PruneOptions = PruneOptions(),
        order: NodeOrder = .flat, outputUnit: String = "minimum", dropNegative: Bool = false
    ) {
        self.sampleIndex = sampleIndex
        self.nodes = nodes
        self.prune = prune
        self.order = order
        self.outputUnit = outputUnit
        self.dropNegative = dropNegative
    }
}

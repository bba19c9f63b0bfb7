/// Explains suspects from the last snapshot: block sizes from the `bytes`
/// label and the in-use against allocated columns.
enum TrendExplainer {
    static func explain(_ names: [String], context: ReportContext, graph: CallGraph, basis: TrendBasis) -> [String: TrendExplanation] {
        var nodeByName: [String: Int32] = [:]
        for node in graph.nodes { nodeByName[context.table.printableNames[Int(node)]] = node }
        var slotOf: [Int32: Int] = [:]
        var nodes: [Int32] = []
        for name in names {
            if let node = nodeByName[name], slotOf[node] == nil {
                slotOf[node] = nodes.count
                nodes.append(node)
            }
        }
        let sizes = blockSizes(slotOf: slotOf, slots: nodes.count, context: context, basis: basis)
        let (inuse, alloc) = columnPair(context: context, graph: graph)
        var result: [String: TrendExplanation] = [:]
        for name in names {
            guard let node = nodeByName[name], let slot = slotOf[node] else { continue }
            let top = sizes[slot].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            var explanation = TrendExplanation(blockSizes: top.map { (size: $0.key, value: $0.value) })
            if let inuse, let alloc {
                explanation.inuse = basis == .flat ? inuse.flat[Int(node)] : inuse.cum[Int(node)]
                explanation.allocated = basis == .flat ? alloc.flat[Int(node)] : alloc.cum[Int(node)]
            }
            result[name] = explanation
        }
        return result
    }

    /// The graphs of the in-use and allocated columns that match the chosen
    /// one (inuse_space with alloc_space, inuse_objects with alloc_objects).
    static func columnPair(context: ReportContext, graph: CallGraph) -> (CallGraph?, CallGraph?) {
        let kind = context.sampleType.split(separator: "_", maxSplits: 1)
        guard kind.count == 2, kind[0] == "inuse" || kind[0] == "alloc" else { return (nil, nil) }
        let types = context.profile.sampleTypeNames
        func column(_ type: String) -> CallGraph? {
            if type == context.sampleType { return graph }
            guard let index = types.firstIndex(of: type) else { return nil }
            return CallGraph(profile: context.profile, table: context.table, options: GraphBuildOptions(sampleIndex: index))
        }
        return (column("inuse_" + kind[1]), column("alloc_" + kind[1]))
    }

    /// Value by `bytes` label, per slot, in one pass over the samples: a
    /// sample counts for the node it allocates in (flat), or for every node
    /// on its stack once (cum).
    static func blockSizes(slotOf: [Int32: Int], slots: Int, context: ReportContext, basis: TrendBasis) -> [[Int64: Int64]] {
        var bySize = [[Int64: Int64]](repeating: [:], count: slots)
        let profile = context.profile
        guard slots > 0, let key = profile.strings.firstIndex(of: "bytes").map({ Int32($0) }) else { return bySize }
        var seen = [Int](repeating: -1, count: slots)
        for sample in 0..<profile.sampleCount {
            let value = profile.value(ofSample: sample, index: context.sampleIndex)
            guard value != 0,
                let size = profile.labels(ofSample: sample).first(where: { $0.key == key && !$0.isString })?.num
            else { continue }
            let stack = profile.stack(ofSample: sample)
            if basis == .flat {
                if let leaf = stack.first, let node = context.table.nodes(ofLocation: Int(leaf)).first, let slot = slotOf[node] {
                    bySize[slot][size, default: 0] &+= value
                }
                continue
            }
            for location in stack {
                for node in context.table.nodes(ofLocation: Int(location)) {
                    if let slot = slotOf[node], seen[slot] != sample {
                        seen[slot] = sample
                        bySize[slot][size, default: 0] &+= value
                    }
                }
            }
        }
        return bySize
    }
}

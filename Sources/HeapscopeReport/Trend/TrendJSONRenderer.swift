import HeapscopeAnalysis

/// `heapscope trend --format json`: the whole view as data (docs/trend.md).
public enum TrendJSONRenderer {
    /// The JSON document; its nodes are made one at a time as it is written.
    public static func json(_ view: TrendView) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("view", .string("trend")),
            ("sample_type", .string(view.sampleType)),
            ("sample_unit", .string(view.sampleUnit)),
            ("basis", .string(view.basis.rawValue)),
            ("timed", .bool(view.timed)),
            ("noise_floor", .int(view.noiseFloor)),
            (
                "thresholds",
                .object([
                    ("min_growth_fraction", .double(view.thresholds.minGrowthFraction)),
                    ("noise_periods", .double(view.thresholds.noisePeriods)),
                    ("min_r2", .double(view.thresholds.minR2)),
                    ("min_confidence", .double(view.thresholds.minConfidence)),
                ])
            ),
            ("warmup", .int(Int64(view.warmup))),
            ("baseline", .object([("total", .int(view.baseline)), ("snapshots", .int(Int64(view.baselineCount)))])),
            ("skipped", .array(view.skipped.map { .object([("file", .string($0.file)), ("error", .string($0.error))]) })),
            ("merged", .array(view.duplicates.map { .object([("file", .string($0.file)), ("same_as", .string($0.sameAs))]) })),
            (
                "snapshots",
                .array(
                    view.snapshots.map { snapshot in
                        .object([
                            ("file", .string(snapshot.file)),
                            ("time", snapshot.timeNanos == 0 ? .null : .string(JSONValue.isoTime(snapshot.timeNanos))),
                            ("time_nanos", .int(snapshot.timeNanos)),
                            ("total", .int(snapshot.total)),
                        ])
                    })
            ),
        ]
        if let projection = view.projection {
            members.append(
                (
                    "projection",
                    .object([
                        ("limit", .int(projection.limit)),
                        ("eta_seconds", projection.etaSeconds.map { .double($0.rounded()) } ?? .null),
                        (
                            "suspects",
                            .array(
                                projection.suspects.map {
                                    .object([
                                        ("name", .string($0.name)), ("eta_seconds", $0.etaSeconds.map { .double($0.rounded()) } ?? .null),
                                    ])
                                })
                        ),
                    ])
                ))
        }
        members.append(("total", node(view.total)))
        members.append(("nodes", JSONValue.lazy(view.nodes, node)))
        return .object(members)
    }

    static func node(_ node: TrendNode) -> JSONValue {
        let stats = node.stats
        var members: [(String, JSONValue)] = [
            ("name", .string(node.name)),
            ("values", .array(node.values.map(JSONValue.int))),
            ("flat", .array(node.flat.map(JSONValue.int))),
            ("cum", .array(node.cum.map(JSONValue.int))),
            ("first", .int(stats.first)),
            ("last", .int(stats.last)),
            ("delta", .int(stats.delta)),
            ("min", .int(stats.min)),
            ("max", .int(stats.max)),
            ("slope_per_hour", stats.slopePerHour.map { .double($0.rounded()) } ?? .null),
            ("slope_per_snapshot", .double(stats.slopePerSnapshot.rounded())),
            ("sen_slope_per_hour", stats.senPerHour.map { .double($0.rounded()) } ?? .null),
            ("slope_low_per_hour", stats.slopeLowPerHour.map { .double($0.rounded()) } ?? .null),
            ("slope_high_per_hour", stats.slopeHighPerHour.map { .double($0.rounded()) } ?? .null),
            ("grew_intervals", .int(Int64(stats.grewIntervals))),
            ("intervals", .int(Int64(stats.intervals))),
            ("r2", .double(fourDecimals(stats.r2))),
            ("confidence", .double(fourDecimals(stats.confidence))),
            ("verdict", .string(node.verdict.rawValue)),
            ("reason", .string(node.reason)),
        ]
        if let explanation = node.explanation {
            members.append(
                (
                    "explanation",
                    .object([
                        (
                            "block_sizes",
                            .array(explanation.blockSizes.map { .object([("size", .int($0.size)), ("value", .int($0.value))]) })
                        ),
                        ("inuse", explanation.inuse.map(JSONValue.int) ?? .null),
                        ("allocated", explanation.allocated.map(JSONValue.int) ?? .null),
                    ])
                ))
        }
        return .object(members)
    }

    static func fourDecimals(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
}

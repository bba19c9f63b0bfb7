import Foundation
import HeapscopeAnalysis
import Prometheus

/// The watch's state as Prometheus metrics (swift-prometheus writes the
/// text exposition format, escaping label values). Per target:
/// `heapscope_heap_bytes{target,sample_type}`, `heapscope_leak_suspects`,
/// `heapscope_captures_total`, `heapscope_capture_errors_total`,
/// `heapscope_last_capture_timestamp_seconds`; per site, for at most `top`
/// sites by size plus at most `top` suspects (label cardinality stays
/// bounded): `heapscope_site_bytes`, `heapscope_site_growth_bytes_per_hour`
/// and `heapscope_leak_suspect{target,function}` (1 while growing).
package final class WatchMetrics: @unchecked Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let top: Int
    private let lock = NSLock()
    private var targets: [String: TargetGauges] = [:]

    private struct SiteGauges {
        let bytes: Gauge
        let growth: Gauge
        let suspect: Gauge
    }

    private struct TargetGauges {
        var heap: Gauge?
        var heapType = ""
        let suspects: Gauge
        let captures: Counter
        let errors: Counter
        let lastCapture: Gauge
        var countedCaptures = 0
        var countedErrors = 0
        var sites: [String: SiteGauges] = [:]
    }

    /// - Parameter top: the most sites (and, besides them, suspects) exported per target.
    package init(top: Int) {
        self.top = top
    }

    /// Sets every metric of `target` from its current state.
    package func update(_ target: TargetSeries) {
        lock.lock()
        defer { lock.unlock() }
        let label = [("target", target.name)]
        var gauges =
            targets[target.name]
            ?? TargetGauges(
                suspects: registry.makeGauge(
                    descriptor: Self.name("heapscope_leak_suspects", "Sites judged growing (leak suspects)."), labels: label),
                captures: registry.makeCounter(
                    descriptor: Self.name("heapscope_captures_total", "Profiles captured by this watch."), labels: label),
                errors: registry.makeCounter(
                    descriptor: Self.name("heapscope_capture_errors_total", "Captures that failed."), labels: label),
                lastCapture: registry.makeGauge(
                    descriptor: Self.name("heapscope_last_capture_timestamp_seconds", "Unix time of the last successful capture."),
                    labels: label))
        if let total = target.lastTotal {
            if gauges.heap == nil || gauges.heapType != target.sampleType {
                gauges.heap.map(registry.unregisterGauge)
                gauges.heap = registry.makeGauge(
                    descriptor: Self.name("heapscope_heap_bytes", "The heap's total of the watched sample type in the last capture."),
                    labels: label + [("sample_type", target.sampleType)])
                gauges.heapType = target.sampleType
            }
            gauges.heap?.set(Double(total))
        }
        gauges.suspects.set(Double(target.suspects.count))
        gauges.captures.increment(by: Int64(target.captures - gauges.countedCaptures))
        gauges.countedCaptures = target.captures
        gauges.errors.increment(by: Int64(target.failures - gauges.countedErrors))
        gauges.countedErrors = target.failures
        if let time = target.lastCaptureTime { gauges.lastCapture.set(time.timeIntervalSince1970) }
        updateSites(&gauges, target: target)
        targets[target.name] = gauges
    }

    private static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "heapscope", metricName: String(name.dropFirst("heapscope_".count)), unitName: "", helpText: help)
    }

    /// The metrics in the Prometheus text format.
    package func exposition() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return registry.emitToBuffer()
    }

    private func updateSites(_ gauges: inout TargetGauges, target: TargetSeries) {
        let nodes = target.view?.nodes ?? []
        let suspects = Set(target.suspects.prefix(top).map(\.name))
        let largest = nodes.filter { ($0.values.last ?? 0) > 0 }
            .sorted { ($0.values.last ?? 0) > ($1.values.last ?? 0) }.prefix(top)
        let shown = Array(largest) + nodes.filter { suspects.contains($0.name) && !largest.map(\.name).contains($0.name) }
        let names = Set(shown.map(\.name))
        for (name, site) in gauges.sites where !names.contains(name) {
            registry.unregisterGauge(site.bytes)
            registry.unregisterGauge(site.growth)
            registry.unregisterGauge(site.suspect)
            gauges.sites[name] = nil
        }
        for node in shown {
            let labels = [("target", target.name), ("function", node.name)]
            let site =
                gauges.sites[node.name]
                ?? SiteGauges(
                    bytes: registry.makeGauge(
                        descriptor: Self.name(
                            "heapscope_site_bytes", "A site's value in the last capture (the judged basis, flat or cum)."), labels: labels),
                    growth: registry.makeGauge(
                        descriptor: Self.name(
                            "heapscope_site_growth_bytes_per_hour", "A site's least-squares growth per hour over the judged series."),
                        labels: labels),
                    suspect: registry.makeGauge(
                        descriptor: Self.name("heapscope_leak_suspect", "1 while the site is judged growing."), labels: labels))
            site.bytes.set(Double(node.values.last ?? 0))
            site.growth.set(Double(node.stats.slopePerHour ?? 0))
            site.suspect.set(suspects.contains(node.name) ? 1.0 : 0.0)
            gauges.sites[node.name] = site
        }
    }
}

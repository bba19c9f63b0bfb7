import Dispatch
import Foundation
import Testing

/// `heapscope trend` on long series written by a real Go program
/// (Fixtures/generators/trendseries) at the default MemProfileRate: every
/// leak site must come out growing and no control growing, on every seed.
@Suite("heapscope trend on long generated series")
struct TrendLongSeriesTests {
    /// A pattern of the generator and the allocation site to judge.
    struct Site: Sendable {
        var mode: String
        var function: String
        var leaks: Bool
    }

    static let sites: [Site] = [
        Site(mode: "linear", function: "main.leakLinear", leaks: true),
        Site(mode: "step", function: "main.leakStepMap", leaks: true),
        Site(mode: "evacuate", function: "main.leakEvacuatingMap", leaks: true),
        Site(mode: "closure", function: "main.leakClosure.func1", leaks: true),
        Site(mode: "slowleak", function: "main.leakSlow", leaks: true),
        Site(mode: "slowleak", function: "main.noisyPool", leaks: false),
        Site(mode: "ttl", function: "main.ttlCachePut", leaks: false),
        Site(mode: "sawtooth", function: "main.sawtoothFill", leaks: false),
        Site(mode: "ring", function: "main.ringPut", leaks: false),
        Site(mode: "bigbuffers", function: "main.holdBigBuffer", leaks: false),
        Site(mode: "warmcache", function: "main.warmCachePut", leaks: false),
    ]

    /// Seeds and their series lengths: two seeds drawn at random for each
    /// run (printed), of 50 and 100 snapshots, or with HEAPSCOPE_LONG_SERIES
    /// set, seeds 1 to 5 of 50, 100 and 200 snapshots each.
    static let seeds: [(seed: Int, snapshots: Int)] = {
        if ProcessInfo.processInfo.environment["HEAPSCOPE_LONG_SERIES"] != nil {
            return [50, 100, 200].flatMap { size in (1...5).map { (seed: $0, snapshots: size) } }
        }
        let first = Int.random(in: 1...1_000_000)
        return [(first, 50), (first + 1, 100)]
    }()

    /// Runs a command; returns its status and standard error.
    static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CGO_ENABLED"] = "0"
        environment["GOFLAGS"] = ""
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The Go runtime samples at random, so each run judges different
    /// series: the seeds are printed with the confusion table.
    @Test
    func leaksGrowAndControlsDoNot() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-trendseries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // Build the generator once.
        let generator = work.appendingPathComponent("trendseries").path
        let (built, buildErrors) = try Self.run(
            "/usr/bin/env", ["go", "build", "-o", generator, "./trendseries"],
            in: CLI.root.appendingPathComponent("Fixtures/generators"))
        try #require(built == 0, "go build: \(buildErrors)")

        // Write every series, a few processes at a time.
        let modes = Array(Set(Self.sites.map(\.mode))).sorted()
        let jobs = Self.seeds.flatMap { seed in modes.map { (mode: $0, seed: seed.seed, snapshots: seed.snapshots) } }
        let seedList = Self.seeds.map { "seed \($0.seed) (\($0.snapshots) snapshots)" }.joined(separator: ", ")
        print("trend long series: \(seedList)")
        let failures = Failures()
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for job in stride(from: worker, to: jobs.count, by: workers).map({ jobs[$0] }) {
                let out = work.appendingPathComponent("\(job.mode)-\(job.seed)-\(job.snapshots)").path
                let result = try? Self.run(
                    generator, ["-mode", job.mode, "-seed", "\(job.seed)", "-n", "\(job.snapshots)", "-out", out], in: work)
                if result?.0 != 0 { failures.add("\(job.mode) seed \(job.seed): \(result?.1 ?? "did not run")") }
            }
        }
        try #require(failures.all.isEmpty, "\(failures.all)")

        // Judge every series once; tally the confusion table.
        var table: [String: [String: Int]] = [:]
        var wrong: [String] = []
        for seed in Self.seeds {
            for mode in modes {
                let directory = work.appendingPathComponent("\(mode)-\(seed.seed)-\(seed.snapshots)").path
                let result = try CLI.run(["trend", "--format", "json", directory])
                #expect(result.status == 0, "\(mode) seed \(seed.seed): \(result.stderr)")
                let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                let nodes = document["nodes"] as? [[String: Any]] ?? []
                for site in Self.sites where site.mode == mode {
                    let node = nodes.first { $0["name"] as? String == site.function }
                    let verdict = node?["verdict"] as? String ?? "absent"
                    let kind = site.leaks ? "leak" : "control"
                    table[kind, default: [:]][verdict, default: 0] += 1
                    if (verdict == "growing") != site.leaks {
                        wrong.append(
                            "\(site.function) (\(mode), seed \(seed.seed), \(seed.snapshots) snapshots): \(verdict): "
                                + "\(node?["reason"] as? String ?? "")")
                    }
                }
            }
        }
        let verdicts = ["growing", "plateau", "fluctuating", "stable", "new", "shrinking", "gone", "absent"]
        var report = "trend confusion table (\(seedList)):\n"
        report += "  site     " + verdicts.map { $0.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined() + "\n"
        for kind in ["leak", "control"] {
            report +=
                "  " + kind.padding(toLength: 9, withPad: " ", startingAt: 0)
                + verdicts.map { String(table[kind]?[$0] ?? 0).padding(toLength: 12, withPad: " ", startingAt: 0) }.joined() + "\n"
        }
        print(report)
        // Every leak must be found and no control called growing.
        #expect(wrong.isEmpty, "\(seedList):\n\(wrong.joined(separator: "\n"))")

        // A long series stays readable: sparklines of at most 32 characters,
        // no line longer than the name plus about 100 columns.
        let longest = try #require(Self.seeds.max { $0.snapshots < $1.snapshots })
        let step = work.appendingPathComponent("step-\(longest.seed)-\(longest.snapshots)")
        let text = try CLI.run(["trend", "--nodecount", "0", step.path])
        #expect(text.status == 0)
        for line in text.stdout.split(separator: "\n") {
            // The name: the last word of a table row, the file of a total row,
            // the function before ":" of an explanation.
            let words = line.split(separator: " ")
            let name =
                line.hasPrefix("  main.")
                ? String(words.first ?? "")
                : String(words.first { $0.hasSuffix(".pb.gz") } ?? words.last ?? "")
            #expect(line.count <= name.count + 110, "\(line)")
            let longestSpark = line.split { !"▁▂▃▄▅▆▇█".contains($0) }.map(\.count).max() ?? 0
            #expect(longestSpark <= 32, "\(line)")
        }
        // The total lists first, min, max and last; --all-snapshots every one.
        let prefix = "\(step.lastPathComponent)/step-\(longest.seed)-"
        let rows = text.stdout.split(separator: "\n").filter { $0.contains(prefix) }
        #expect((2...4).contains(rows.count))
        let all = try CLI.run(["trend", "--format", "json", "--all-snapshots", step.path])
        let kept = (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])?["snapshots"] as? [Any]
        let listed = try CLI.run(["trend", "--all-snapshots", step.path])
        #expect(listed.stdout.split(separator: "\n").filter { $0.contains(prefix) }.count == kept?.count)
    }
}

/// Error messages collected from several threads.
private final class Failures: @unchecked Sendable {
    private var messages: [String] = []
    private let lock = NSLock()

    func add(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}

import Foundation
import Testing

@testable import HeapscopeLive

@Suite struct SnapshotNameTests {
    @Test func namesSortByTimeAndNameTheTarget() throws {
        let time = Date(timeIntervalSince1970: 1_796_102_100)  // 2026-12-01 05:15:00 UTC
        let url = try #require(URL(string: "http://127.0.0.1:6060/debug/pprof/heap?gc=1"))
        #expect(SnapshotName.fileName(url: url, time: time) == "127.0.0.1_6060.heap.20261201T051500Z.pb.gz")
        #expect(SnapshotName.target(of: try #require(URL(string: "https://svc.example/debug/pprof/allocs"))) == "svc.example_443")
        #expect(SnapshotName.target(of: try #require(URL(string: "http://[::1]:8080/x"))) == "__1_8080")
        #expect(SnapshotName.kind(of: try #require(URL(string: "http://h:1/"))) == "profile")
        let later = SnapshotName.fileName(url: url, time: time.addingTimeInterval(61))
        #expect(later > SnapshotName.fileName(url: url, time: time))
    }

    @Test func writesAtomicallyAndNeverOverwrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heapscope-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = SnapshotWriter.freePath(in: directory, name: "a.heap.20261201T051500Z.pb.gz")
        try SnapshotWriter.write([1, 2, 3], to: first)
        let second = SnapshotWriter.freePath(in: directory, name: "a.heap.20261201T051500Z.pb.gz")
        #expect(second == directory + "/a.heap.20261201T051500Z_1.pb.gz")
        try SnapshotWriter.write([4], to: second)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [
                "a.heap.20261201T051500Z.pb.gz", "a.heap.20261201T051500Z_1.pb.gz",
            ])
        #expect(throws: SnapshotWriter.WriteError.self) { try SnapshotWriter.write([1], to: directory + "/missing/x.pb.gz") }
    }
}

import Foundation
import Testing

@testable import HeapscopeLive

@Suite struct WatchPartsTests {
    @Test(arguments: [("30s", 30.0), ("5m", 300), ("1h30m", 5400), ("500ms", 0.5), ("2", 2), ("1d", 86400), ("0.5s", 0.5)])
    func durations(text: String, seconds: Double) {
        #expect(WatchDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "soon", "5x", "-3", "0", "m5", "1h-2m"])
    func badDurations(text: String) {
        #expect(WatchDuration.seconds(text) == nil)
    }

    /// Alerts follow state changes only: a new suspect fires, all clear resolves.
    @Test func alertsOnStateChangesOnly() {
        var state = AlertState()
        #expect(state.update(suspects: []) == nil)
        #expect(state.update(suspects: ["a"]) == .firing)
        #expect(state.update(suspects: ["a"]) == nil)
        #expect(state.update(suspects: ["a", "b"]) == .firing)
        #expect(state.update(suspects: ["b"]) == nil)
        #expect(state.update(suspects: []) == .resolved)
        #expect(state.update(suspects: []) == nil)
    }

    @Test func alertJSONHasTheDocumentedShape() throws {
        let alert = Alert(target: "127.0.0.1_6060", status: .resolved, time: "2026-12-01T05:15:00Z", total: 42, suspects: [])
        #expect(
            String(decoding: alert.json(), as: UTF8.self)
                == #"{"status":"resolved","suspects":[],"target":"127.0.0.1_6060","time":"2026-12-01T05:15:00Z","total":42}"#)
    }
}

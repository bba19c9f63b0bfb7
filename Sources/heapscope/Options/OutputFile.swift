import ArgumentParser
import Foundation
import HeapscopeProfile
import HeapscopeReport

/// `-o/--output FILE`: where a command writes its result (standard output
/// when not given).
struct OutputFile: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var path: String?

    /// Writes what `body` produces to the file, or to standard output, as it
    /// is produced (outputs can be hundreds of MB): memory does not grow
    /// with the output. A write error is the error line, and a closed pipe
    /// on standard output ends quietly (status 141), as for every other output.
    func stream(_ body: (inout TextSink) throws -> Void) throws {
        let target = try path.map(OutputTarget.file) ?? .standardOutput
        try target.stream(escaping: false, body)
    }

    /// Writes `bytes` (a whole encoded profile).
    func write(_ bytes: [UInt8]) throws {
        try stream { sink in bytes.withUnsafeBufferPointer { sink.write(bytes: $0) } }
    }
}

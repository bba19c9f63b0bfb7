import ArgumentParser
import Foundation

/// `-o/--output FILE`: where a command writes its result (standard output
/// when not given).
struct OutputFile: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var path: String?

    /// Writes `bytes` to the file, or to standard output; a file that cannot
    /// be written is the error line.
    func write(_ bytes: [UInt8]) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw fail("cannot write \(path): \(error.localizedDescription)")
        }
    }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }
}

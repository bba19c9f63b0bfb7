import Foundation

/// What the terminal the command writes to can show.
enum Terminal {
    /// Colour when standard output is a terminal and NO_COLOR is unset or
    /// empty (https://no-color.org).
    static var standardOutputWantsColor: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}

import ArgumentParser

/// The one error a command throws when it fails: `Heapscope.main` prints
/// `message` once, as `heapscope: error: MESSAGE` (control characters
/// escaped), and exits with `status`. Bad option values are not CLIErrors:
/// they are `ValidationError`s, usage errors with status 64.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var status: Int32

    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}

/// Runs `body`; an error it throws becomes a `CLIError` whose message is the
/// error's text after `location` (e.g. a file name). Errors that already
/// decide the outcome (`CLIError`, `ExitCode`, `ValidationError`) pass through.
func failing<T>(_ location: String? = nil, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CLIError {
        throw error
    } catch let exit as ExitCode {
        throw exit
    } catch let usage as ValidationError {
        throw usage
    } catch {
        throw CLIError(location.map { "\($0): \(error)" } ?? "\(error)")
    }
}

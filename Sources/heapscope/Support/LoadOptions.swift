import Foundation
import HeapscopeLive
import HeapscopeProfile

/// How the commands read a profile argument: a file, or an http(s) URL
/// downloaded under the same decompression cap and decoder checks.
struct LoadOptions {
    var decode: DecodeOptions
    var remote: RemoteOptions

    /// Reads and decodes one profile; an error names the file or URL.
    func profile(at source: String) throws -> Profile {
        try failing(source) { try read(source) }
    }

    /// Reads and decodes one profile; throws `ProfileError` or `FetchError`.
    func read(_ source: String) throws -> Profile {
        if source == "-" {
            return try ProfileDecoder.decode(fileDescriptor: STDIN_FILENO, options: decode)
        }
        if FetchRequest.isURL(source) {
            return try ProfileDownload.fetch(try remote.request(source), options: decode).profile
        }
        return try ProfileDecoder.decode(contentsOf: source, options: decode)
    }
}

import Foundation
import HeapscopeProfile

/// A profile body as it arrives: kept as sent (for saving) and, when it is
/// gzip, inflated chunk by chunk under the decompression cap, so an
/// oversized or bomb body is refused while it downloads.
final class ProfileBody {
    private let options: DecodeOptions
    private(set) var bytes: [UInt8] = []
    private var inflater: GzipInflater?
    private var inflated: [UInt8] = []
    private var decided = false

    init(options: DecodeOptions) {
        self.options = options
    }

    var count: Int { bytes.count }

    /// Takes the next piece of the body.
    /// - Throws: `ProfileError` when the body passes the cap or is corrupt gzip.
    func append(_ data: Data) throws(ProfileError) {
        guard bytes.count + data.count <= options.maxDecompressedBytes else {
            throw .decompressedSizeLimit(options.maxDecompressedBytes)
        }
        let start = bytes.count
        bytes.append(contentsOf: data)
        if !decided && bytes.count >= 2 {
            decided = true
            if Gzip.isGzip(bytes) { inflater = try GzipInflater(limit: options.maxDecompressedBytes) }
            if let inflater {
                try bytes.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(ProfileError) in
                    try inflater.feed(UnsafeBufferPointer(rebasing: all[0...]), into: &inflated)
                }
            }
            return
        }
        if let inflater {
            try bytes.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(ProfileError) in
                try inflater.feed(UnsafeBufferPointer(rebasing: all[start...]), into: &inflated)
            }
        }
    }

    /// Decodes the whole body: the inflated gzip, or the bytes as they came
    /// (raw protobuf, or text the decoder names).
    func decode() throws(ProfileError) -> Profile {
        if let inflater {
            try inflater.finish()
            guard !inflated.isEmpty else { throw .emptyInput }
            return try ProfileDecoder.decode(inflated, options: options)
        }
        return try ProfileDecoder.decode(bytes, options: options)
    }

    /// True when the body is neither gzip nor binary nor a text format heapscope
    /// reads: an HTML page or other text.
    var isText: Bool {
        inflater == nil && !bytes.isEmpty && ProfileDecoder.isUnsupportedText(bytes)
    }

    /// The first line of a text body, printable characters only, at most 80.
    var firstLine: String {
        let line = bytes.prefix(512).prefix { $0 != 10 && $0 != 13 }
        let printable = String(decoding: line, as: UTF8.self).filter {
            $0.isASCII && !$0.isNewline && $0.asciiValue.map { $0 >= 32 && $0 < 127 } == true
        }
        return printable.count > 80 ? String(printable.prefix(80)) + "…" : printable
    }

    /// True when a text body is an HTML page.
    func isHTML(contentType: String) -> Bool {
        if contentType.lowercased().contains("html") { return true }
        let start = String(decoding: bytes.prefix(256), as: UTF8.self).lowercased()
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.contains("<html")
    }
}

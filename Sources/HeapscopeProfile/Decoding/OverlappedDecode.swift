import Foundation
import Synchronization

extension ProfileDecoder {
    /// What the inflating thread has handed over so far.
    struct HandOver: Sendable {
        /// Bytes inflated.
        var count = 0
        /// Where the last top-level field wholly inflated ends.
        var complete = 0
        /// Whether the bytes are scanned as protobuf (nil: not decided yet).
        var scanning: Bool?
        var finished = false
        /// The reading error, which comes before any decoding error.
        var failure: ProfileError?
    }

    /// The state both threads share.
    final class HandOverChannel: Sendable {
        let state = Mutex(HandOver())
        let wake = DispatchSemaphore(value: 0)

        func publish(_ change: (inout HandOver) -> Void) {
            state.withLock { change(&$0) }
            wake.signal()
        }
    }

    /// Decodes a gzip stream while it is inflated: one thread inflates into
    /// `buffer` (and checks the top level as `readCapped` does), this one
    /// checks and counts every top-level field as soon as it is whole
    /// (pass 0). The records and then the samples are decoded once all
    /// bytes are in (sample location
    /// ids refer to locations that come after them), and the bytes they
    /// came from are released as they are decoded. Errors are the same as
    /// reading first and decoding afterwards: a reading error wins.
    static func decodeOverlapped(
        _ stream: StreamStart, buffer: InflatedBuffer, options: DecodeOptions
    ) throws(ProfileError) -> Profile {
        let channel = HandOverChannel()
        // A thread of its own, not a dispatch worker: callers may already
        // fill the dispatch pool (trend decodes files in parallel), and this
        // thread waits for it.
        let inflating = Thread { inflate(stream, into: buffer, channel: channel) }
        inflating.start()
        var builder = ProfileBuilder()
        var decoded = 0
        var structureFailure: ProfileError?
        var handOver = HandOver()
        while true {
            handOver = channel.state.withLock { $0 }
            if handOver.scanning == true, structureFailure == nil, handOver.complete > decoded {
                do {
                    try builder.countRecords(UnsafeBufferPointer(start: buffer.base, count: handOver.complete), from: decoded)
                } catch {
                    structureFailure = error
                }
                decoded = handOver.complete
                continue
            }
            if handOver.finished { break }
            channel.wake.wait()
        }
        if let failure = handOver.failure { throw failure }
        let bytes = UnsafeBufferPointer(start: buffer.base, count: handOver.count)
        guard !bytes.isEmpty else { throw .emptyInput }
        guard handOver.scanning == true, case .protobuf = ProfileFormat.sniff(Array(bytes.prefix(4096))) else {
            return try decodeContent(Array(bytes), options: options)
        }
        if let structureFailure { throw structureFailure }
        try builder.countRecords(bytes, from: decoded)
        try builder.decodeRecords(bytes)
        var profile = try finishProtobuf(
            &builder, bytes, maxConcurrency: options.maxConcurrency, partitions: nil, releasing: buffer)
        profile.truncation = StackTruncation.detect(in: profile)
        return finishContent(profile, options: options)
    }

    /// The inflating thread: `readCapped`'s gzip loop, writing in place and
    /// handing over after every chunk read.
    private static func inflate(_ stream: StreamStart, into buffer: InflatedBuffer, channel: HandOverChannel) {
        do throws(ProfileError) {
            let inflater = try GzipInflater(limit: stream.limit)
            var chunk = stream.chunk
            var count = stream.count
            var scanner = TopLevelScanner(limit: stream.limit)
            var scanning: Bool?
            let compressedLimit = stream.compressedLimit
            var compressed = 0
            while count > 0 {
                compressed += count
                guard compressed <= compressedLimit else { throw .decompressedSizeLimit(stream.limit) }
                try chunk.withUnsafeBufferPointer { (input) throws(ProfileError) in
                    try inflater.feed(UnsafeBufferPointer(rebasing: input[0..<count]), into: buffer)
                }
                if scanning == nil { scanning = scanDecision(buffer.bytes, final: false) }
                if scanning == true { try scanner.scan(buffer.bytes) }
                let handed = (count: buffer.count, complete: scanner.complete, scanning: scanning)
                channel.publish {
                    $0.count = handed.count
                    $0.complete = handed.complete
                    $0.scanning = handed.scanning
                }
                count = try readSome(stream.fd, into: &chunk, atLeast: 1, atMost: compressedLimit - compressed + 1)
            }
            try inflater.finish()
            let total = buffer.count
            channel.publish {
                $0.count = total
                $0.finished = true
            }
        } catch {
            channel.publish {
                $0.failure = error
                $0.finished = true
            }
        }
    }
}

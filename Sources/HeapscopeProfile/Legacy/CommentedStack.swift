/// A legacy text stack: the return addresses of a record (leaf first) and
/// the Go runtime's `#` frame comments under it, if any.
struct CommentedStack {
    var addresses: [UInt64]
    var comments: [GoFrameComment] = []

    var isSymbolized: Bool { !comments.isEmpty }

    /// False when the comments leave the last (root) address out: the
    /// runtime hides `runtime.goexit`, so such a stack is complete.
    var lastAddressIsShown: Bool {
        guard isSymbolized, let root = addresses.last else { return true }
        return comments.contains { $0.pc == root &- 1 }
    }

    /// The stack as locations, leaf first. With frame comments,
    /// each address takes the comments for its PC (address − 1); addresses
    /// without one are dropped, and runs of frames sharing a function entry
    /// (inlined calls) become one location. Without comments every address
    /// is a location of its own, as in pprof.
    func locations(builder: inout LegacyProfileBuilder) -> [UInt32] {
        let frames = isSymbolized ? symbolizedFrames() : []
        guard !frames.isEmpty else {
            return addresses.map { builder.location(address: $0 &- 1) }
        }
        var stack: [UInt32] = []
        var index = 0
        while index < frames.count {
            var end = index + 1
            while end < frames.count, frames[end].comment.entry == frames[index].comment.entry,
                !frames[index].comment.name.isEmpty,
                frames[end].comment.name != frames[end - 1].comment.name
            {
                end += 1
            }
            let group = frames[index..<end]
            let named = group.filter { !$0.comment.name.isEmpty }
            let location = builder.location(
                key: group.map(\.address), address: group[group.startIndex].comment.pc,
                frames: named.map { LegacyProfileBuilder.Frame(name: $0.comment.name, file: $0.comment.file, line: $0.comment.line) })
            stack.append(location)
            index = end
        }
        return stack
    }

    /// Each address paired with the comments for it, in stack order.
    private func symbolizedFrames() -> [(address: UInt64, comment: GoFrameComment)] {
        var result: [(address: UInt64, comment: GoFrameComment)] = []
        var next = 0
        for address in addresses {
            var taken = 0
            while next < comments.count, comments[next].pc == address &- 1 {
                if taken > 0, comments[next].name == result[result.count - taken].comment.name { break }
                result.append((address, comments[next]))
                next += 1
                taken += 1
            }
        }
        return result
    }
}

/// The stack depths of a Go text profile's records, for judging which
/// stacks the runtime cut (see `StackTruncation`).
struct StackDepthTally {
    /// Per sample: its number of addresses, and whether it could have been
    /// cut (its last address is not a frame the runtime hid).
    private var depths: [(addresses: Int, mayBeCut: Bool)] = []

    mutating func record(_ stack: CommentedStack) {
        depths.append((stack.addresses.count, stack.lastAddressIsShown))
    }

    /// The samples whose stacks fill the depth limit.
    var truncation: StackTruncation {
        let limit = StackTruncation.depthLimit(forDeepest: depths.map(\.addresses).max() ?? 0)
        return StackTruncation(depthLimit: limit, samples: depths.indices.filter { depths[$0].addresses == limit && depths[$0].mayBeCut })
    }
}

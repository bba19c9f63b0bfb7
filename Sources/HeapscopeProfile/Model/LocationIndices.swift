/// The location indices of all sample stacks (`Profile.sampleLocations`),
/// stored in 16 bits each while every index fits (a profile of at most
/// 65,536 locations, which Go heap profiles almost always are) and in 32
/// bits otherwise: half the memory and memory traffic of the largest
/// sample array.
///
/// Reads and writes `UInt32`s as a collection; storing an index past
/// 16 bits widens the narrow form once. Loops over every frame switch on
/// `form` once and run one generic body over the concrete array, so no
/// element pays for the choice. Equal indices are equal whatever the form.
public struct LocationIndices: Sendable, RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    /// The stored array.
    public enum Form: Sendable {
        /// Every index fits in 16 bits.
        case narrow([UInt16])
        /// Some index may not.
        case wide([UInt32])
    }

    @usableFromInline var narrow: [UInt16] = []
    @usableFromInline var wide: [UInt32] = []
    /// Whether `wide` holds the indices (else `narrow` does).
    @usableFromInline var isWide = false

    /// No indices, in the narrow form.
    public init() {}

    /// `indices` in the narrow form when each fits in 16 bits, else wide.
    public init(_ indices: some Sequence<UInt32>) {
        append(contentsOf: indices)
    }

    /// Narrow indices.
    package init(narrow: [UInt16]) {
        self.narrow = narrow
    }

    /// Indices kept wide as they are (no copy).
    package init(wide: [UInt32]) {
        self.wide = wide
        isWide = true
    }

    public init(arrayLiteral elements: UInt32...) {
        self.init(elements)
    }

    /// Whether indices into `count` locations all fit the narrow form: the
    /// decoder's choice before it writes any.
    package static func fitNarrow(locationCount count: Int) -> Bool {
        count <= Int(UInt16.max) + 1
    }

    /// The stored array: switch on it once, outside the loop.
    @inlinable
    public var form: Form { isWide ? .wide(wide) : .narrow(narrow) }

    @inlinable
    public var startIndex: Int { 0 }

    @inlinable
    public var endIndex: Int { isWide ? wide.count : narrow.count }

    @inlinable
    public subscript(position: Int) -> UInt32 {
        get { isWide ? wide[position] : UInt32(narrow[position]) }
        set {
            if !isWide, let small = UInt16(exactly: newValue) {
                narrow[position] = small
            } else {
                widen()
                wide[position] = newValue
            }
        }
    }

    /// The first index at least `bound`, if any (the validators' check):
    /// the largest index is found first, in a loop without a branch per
    /// element that the compiler vectorises; only a bad index is searched.
    public func first(atLeast bound: UInt32) -> UInt32? {
        switch form {
        case .narrow(let indices):
            guard bound <= UInt32(UInt16.max), Self.largest(indices) >= UInt16(bound) else { return nil }
            return indices.first { $0 >= UInt16(bound) }.map(UInt32.init)
        case .wide(let indices):
            guard Self.largest(indices) >= bound else { return nil }
            return indices.first { $0 >= bound }
        }
    }

    /// The largest of `values`, 0 when there are none.
    private static func largest<Index: FixedWidthInteger & UnsignedInteger>(_ values: [Index]) -> Index {
        values.withUnsafeBufferPointer { buffer in
            var result: Index = 0
            for value in buffer { result = Swift.max(result, value) }
            return result
        }
    }

    /// Appends `index`, widening the indices if it needs more than 16 bits.
    public mutating func append(_ index: UInt32) {
        if !isWide, let small = UInt16(exactly: index) {
            narrow.append(small)
        } else {
            widen()
            wide.append(index)
        }
    }

    /// Appends `indices`, widening as `append(_:)` does.
    public mutating func append(contentsOf indices: some Sequence<UInt32>) {
        if isWide {
            wide.append(contentsOf: indices)
        } else {
            for index in indices { append(index) }
        }
    }

    /// Removes the last `count` indices.
    public mutating func removeLast(_ count: Int) {
        if isWide { wide.removeLast(count) } else { narrow.removeLast(count) }
    }

    /// Reserves room for `capacity` indices in the current form.
    public mutating func reserveCapacity(_ capacity: Int) {
        if isWide { wide.reserveCapacity(capacity) } else { narrow.reserveCapacity(capacity) }
    }

    /// Switches to the wide form (once; nothing when already wide).
    @usableFromInline
    mutating func widen() {
        guard !isWide else { return }
        wide = narrow.map(UInt32.init)
        narrow = []
        isWide = true
    }
}

extension LocationIndices: Equatable {
    public static func == (lhs: LocationIndices, rhs: LocationIndices) -> Bool {
        switch (lhs.form, rhs.form) {
        case (.narrow(let a), .narrow(let b)): a == b
        case (.wide(let a), .wide(let b)): a == b
        default: lhs.elementsEqual(rhs)
        }
    }
}

extension LocationIndices {
    /// Replaces every index `i` with `map[i]`, in place (the narrow form
    /// stays narrow while `locationCount`, the count `map` points into,
    /// allows). Every index must be below `map.count`.
    package mutating func remap(through map: [UInt32], locationCount: Int) {
        if !Self.fitNarrow(locationCount: locationCount) { widen() }
        if isWide {
            wide.withUnsafeMutableBufferPointer { indices in
                for position in indices.indices { indices[position] = map[Int(indices[position])] }
            }
        } else {
            narrow.withUnsafeMutableBufferPointer { indices in
                for position in indices.indices { indices[position] = UInt16(truncatingIfNeeded: map[Int(indices[position])]) }
            }
        }
    }

    /// Appends `other`'s indices, each `i` as `map[i]` when a map is given,
    /// without holding the old and the new storage at once (see
    /// `Array.appendReleasingOldStorage`). `locationCount` is the count the
    /// indices point into, which decides the form.
    package mutating func appendReleasingOldStorage(_ other: LocationIndices, through map: [UInt32]?, locationCount: Int) {
        if !Self.fitNarrow(locationCount: locationCount) { widen() }
        if isWide {
            wide.appendReleasingOldStorage(count: other.count) { Self.write(other, through: map, into: $0) }
        } else {
            narrow.appendReleasingOldStorage(count: other.count) { Self.write(other, through: map, into: $0) }
        }
    }

    private static func write<Stored: FixedWidthInteger>(
        _ source: LocationIndices, through map: [UInt32]?, into output: UnsafeMutableBufferPointer<Stored>
    ) {
        func copy<Source: FixedWidthInteger>(_ indices: [Source]) {
            if let map {
                for (position, index) in indices.enumerated() {
                    output.initializeElement(at: position, to: Stored(truncatingIfNeeded: map[Int(index)]))
                }
            } else {
                for (position, index) in indices.enumerated() {
                    output.initializeElement(at: position, to: Stored(truncatingIfNeeded: index))
                }
            }
        }
        switch source.form {
        case .narrow(let indices): copy(indices)
        case .wide(let indices): copy(indices)
        }
    }
}

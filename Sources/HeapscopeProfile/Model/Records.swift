/// A (type, unit) pair such as `inuse_space`/`bytes`, as names.
public struct ValueType: Hashable, Sendable {
    public var type: String
    public var unit: String
    public init(type: String, unit: String) {
        self.type = type
        self.unit = unit
    }
}

/// A sample type as the profile stores it: the string-table indices of its
/// type and unit (8 bytes; `Profile.sampleType(_:)` gives the names).
public struct SampleType: Hashable, Sendable {
    public var typeIndex: Int32
    public var unitIndex: Int32

    public init(typeIndex: Int32, unitIndex: Int32) {
        self.typeIndex = typeIndex
        self.unitIndex = unitIndex
    }
}

/// A memory mapping of the profiled process, as the profile stores it: its
/// names as string-table indices, its addresses (when any is not 0) in
/// `Profile.mappingAddresses`, and its four flags in one byte, so that a
/// mapping costs 24 bytes plus 24 when it has addresses.
/// `Profile.details(of:)` gives all of it resolved.
public struct Mapping: Hashable, Sendable {
    public var id: UInt64
    /// The string-table index of the file name.
    public var fileIndex: Int32
    /// The string-table index of the build id.
    public var buildIDIndex: Int32
    /// Index into `Profile.mappingAddresses`, or -1 when every address is 0.
    public var addressIndex: Int32
    private var flags: UInt8

    public init(
        id: UInt64, fileIndex: Int32 = 0, buildIDIndex: Int32 = 0, addressIndex: Int32 = -1, hasFunctions: Bool = false,
        hasFilenames: Bool = false, hasLineNumbers: Bool = false, hasInlineFrames: Bool = false
    ) {
        self.id = id
        self.fileIndex = fileIndex
        self.buildIDIndex = buildIDIndex
        self.addressIndex = addressIndex
        flags = 0
        self.hasFunctions = hasFunctions
        self.hasFilenames = hasFilenames
        self.hasLineNumbers = hasLineNumbers
        self.hasInlineFrames = hasInlineFrames
    }

    public var hasFunctions: Bool {
        get { flag(0) }
        set { setFlag(0, newValue) }
    }
    public var hasFilenames: Bool {
        get { flag(1) }
        set { setFlag(1, newValue) }
    }
    public var hasLineNumbers: Bool {
        get { flag(2) }
        set { setFlag(2, newValue) }
    }
    public var hasInlineFrames: Bool {
        get { flag(3) }
        set { setFlag(3, newValue) }
    }

    private func flag(_ bit: UInt8) -> Bool { flags & (1 << bit) != 0 }

    private mutating func setFlag(_ bit: UInt8, _ value: Bool) {
        flags = value ? flags | (1 << bit) : flags & ~(1 << bit)
    }
}

/// A mapping's addresses.
public struct MappingAddresses: Hashable, Sendable {
    public var memoryStart: UInt64
    public var memoryLimit: UInt64
    public var fileOffset: UInt64

    public init(memoryStart: UInt64 = 0, memoryLimit: UInt64 = 0, fileOffset: UInt64 = 0) {
        self.memoryStart = memoryStart
        self.memoryLimit = memoryLimit
        self.fileOffset = fileOffset
    }

    /// True when every address is 0 (a mapping stores none then).
    public var isZero: Bool { memoryStart == 0 && memoryLimit == 0 && fileOffset == 0 }
}

/// A mapping with its names and addresses resolved: how mappings are
/// described before they are stored (`Profile.appendMapping`) and compared
/// by content across profiles.
public struct MappingDetails: Hashable, Sendable {
    public var id: UInt64
    public var addresses: MappingAddresses
    public var file: String
    public var buildID: String
    public var hasFunctions: Bool
    public var hasFilenames: Bool
    public var hasLineNumbers: Bool
    public var hasInlineFrames: Bool

    public init(
        id: UInt64, memoryStart: UInt64 = 0, memoryLimit: UInt64 = 0, fileOffset: UInt64 = 0,
        file: String = "", buildID: String = "", hasFunctions: Bool = false,
        hasFilenames: Bool = false, hasLineNumbers: Bool = false, hasInlineFrames: Bool = false
    ) {
        self.id = id
        addresses = MappingAddresses(memoryStart: memoryStart, memoryLimit: memoryLimit, fileOffset: fileOffset)
        self.file = file
        self.buildID = buildID
        self.hasFunctions = hasFunctions
        self.hasFilenames = hasFilenames
        self.hasLineNumbers = hasLineNumbers
        self.hasInlineFrames = hasInlineFrames
    }

    public var memoryStart: UInt64 {
        get { addresses.memoryStart }
        set { addresses.memoryStart = newValue }
    }
    public var memoryLimit: UInt64 {
        get { addresses.memoryLimit }
        set { addresses.memoryLimit = newValue }
    }
    public var fileOffset: UInt64 {
        get { addresses.fileOffset }
        set { addresses.fileOffset = newValue }
    }
}

/// A function as the profile stores it: its names as string-table indices
/// (32 bytes; `Profile.name(of:)` and its siblings give the names).
public struct Function: Hashable, Sendable {
    public var id: UInt64
    public var startLine: Int64
    /// The string-table index of the name.
    public var nameIndex: Int32
    /// The string-table index of the system (mangled) name.
    public var systemNameIndex: Int32
    /// The string-table index of the source file name.
    public var filenameIndex: Int32

    public init(id: UInt64, nameIndex: Int32, systemNameIndex: Int32 = 0, filenameIndex: Int32 = 0, startLine: Int64 = 0) {
        self.id = id
        self.startLine = startLine
        self.nameIndex = nameIndex
        self.systemNameIndex = systemNameIndex
        self.filenameIndex = filenameIndex
    }
}

/// One source line of a location: an index into `Profile.functions`.
public struct Line: Hashable, Sendable {
    public var function: Int32
    public var line: Int64
    public var column: Int64

    public init(function: Int32, line: Int64, column: Int64 = 0) {
        self.function = function
        self.line = line
        self.column = column
    }
}

/// A program counter with its lines (several when calls were inlined).
/// (Stored in 32 bytes: the 8-byte fields first.)
public struct Location: Hashable, Sendable {
    public var id: UInt64
    public var address: UInt64
    /// Index into `Profile.mappings`, or -1 when the location has none.
    public var mapping: Int32
    /// This location's lines are `Profile.lines[lineStart..<lineEnd]`.
    public var lineStart: Int32
    public var lineEnd: Int32
    public var isFolded: Bool

    public init(id: UInt64, mapping: Int32 = -1, address: UInt64 = 0, isFolded: Bool = false, lineStart: Int32, lineEnd: Int32) {
        self.id = id
        self.mapping = mapping
        self.address = address
        self.isFolded = isFolded
        self.lineStart = lineStart
        self.lineEnd = lineEnd
    }
}

/// A sample label. Exactly one of `str` (a string label) or `num` (a numeric
/// label, optionally with `numUnit`) is meaningful, as in pprof: a label with
/// a string is a string label. Strings are indices into `Profile.strings`.
/// Stored in 16 bytes, since a heap profile has a label on every sample.
public struct Label: Hashable, Sendable, BitwiseCopyable {
    /// The key's string index.
    public let key: Int32
    /// The unit's string index for a numeric label; -1 for a string label.
    @usableFromInline let unitOrStringMark: Int32
    /// The string index of a string label, or the number of a numeric one.
    @usableFromInline let value: Int64

    public init(key: Int32, str: Int32 = 0, num: Int64 = 0, numUnit: Int32 = 0) {
        self.key = key
        if str != 0 {
            unitOrStringMark = -1
            value = Int64(str)
        } else {
            unitOrStringMark = max(numUnit, 0)
            value = num
        }
    }

    /// True for a string label, false for a numeric one.
    @inlinable public var isString: Bool { unitOrStringMark < 0 }
    /// The value's string index (0 for a numeric label).
    @inlinable public var str: Int32 { isString ? Int32(truncatingIfNeeded: value) : 0 }
    /// The number (0 for a string label).
    @inlinable public var num: Int64 { isString ? 0 : value }
    /// The unit's string index (0 for none and for string labels).
    @inlinable public var numUnit: Int32 { isString ? 0 : unitOrStringMark }
}

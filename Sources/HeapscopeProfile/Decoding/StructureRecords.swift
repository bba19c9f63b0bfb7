/// The records of the structure passes: how each is read from the wire
/// (string and id references left unresolved), how many of each pass 0
/// found, and the id -> index tables that resolve references.
extension ProfileBuilder {
    static func parseValueType(_ reader: inout WireReader) throws(ProfileError) -> (type: UInt64, unit: UInt64) {
        var result: (type: UInt64, unit: UInt64) = (0, 0)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: result.type = try reader.readUInt64(wireType, field: field)
            case 2: result.unit = try reader.readUInt64(wireType, field: field)
            default: try reader.skip(wireType)
            }
        }
        return result
    }

    static func parseMapping(
        _ reader: inout WireReader
    ) throws(ProfileError) -> (Mapping, strings: (file: UInt64, buildID: UInt64), addresses: MappingAddresses) {
        var mapping = Mapping(id: 0)
        var strings: (file: UInt64, buildID: UInt64) = (0, 0)
        var addresses = MappingAddresses()
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: mapping.id = try reader.readUInt64(wireType, field: field)
            case 2: addresses.memoryStart = try reader.readUInt64(wireType, field: field)
            case 3: addresses.memoryLimit = try reader.readUInt64(wireType, field: field)
            case 4: addresses.fileOffset = try reader.readUInt64(wireType, field: field)
            case 5: strings.file = try reader.readUInt64(wireType, field: field)
            case 6: strings.buildID = try reader.readUInt64(wireType, field: field)
            case 7: mapping.hasFunctions = try reader.readUInt64(wireType, field: field) != 0
            case 8: mapping.hasFilenames = try reader.readUInt64(wireType, field: field) != 0
            case 9: mapping.hasLineNumbers = try reader.readUInt64(wireType, field: field) != 0
            case 10: mapping.hasInlineFrames = try reader.readUInt64(wireType, field: field) != 0
            default: try reader.skip(wireType)
            }
        }
        return (mapping, strings, addresses)
    }

    static func parseFunction(
        _ reader: inout WireReader
    ) throws(ProfileError) -> (Function, strings: (name: UInt64, systemName: UInt64, filename: UInt64)) {
        var function = Function(id: 0, nameIndex: 0)
        var strings: (name: UInt64, systemName: UInt64, filename: UInt64) = (0, 0, 0)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: function.id = try reader.readUInt64(wireType, field: field)
            case 2: strings.name = try reader.readUInt64(wireType, field: field)
            case 3: strings.systemName = try reader.readUInt64(wireType, field: field)
            case 4: strings.filename = try reader.readUInt64(wireType, field: field)
            case 5: function.startLine = Int64(bitPattern: try reader.readUInt64(wireType, field: field))
            default: try reader.skip(wireType)
            }
        }
        return (function, strings)
    }

    /// Reads a location; `line` is called with each line's function id and
    /// the line (its `function` not yet set). The line range is not set.
    static func parseLocation(
        _ reader: inout WireReader, line: (_ functionID: UInt64, _ line: Line) -> Void
    ) throws(ProfileError) -> (Location, mappingID: UInt64) {
        var location = Location(id: 0, lineStart: 0, lineEnd: 0)
        var mappingID: UInt64 = 0
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1: location.id = try reader.readUInt64(wireType, field: field)
            case 2: mappingID = try reader.readUInt64(wireType, field: field)
            case 3: location.address = try reader.readUInt64(wireType, field: field)
            case 4:
                var sub = try reader.readMessage(wireType, field: field, message: "Line")
                var value = Line(function: -1, line: 0)
                var functionID: UInt64 = 0
                while !sub.isAtEnd {
                    let (lineField, lineWireType) = try sub.readKey()
                    switch lineField {
                    case 1: functionID = try sub.readUInt64(lineWireType, field: lineField)
                    case 2: value.line = Int64(bitPattern: try sub.readUInt64(lineWireType, field: lineField))
                    case 3: value.column = Int64(bitPattern: try sub.readUInt64(lineWireType, field: lineField))
                    default: try sub.skip(lineWireType)
                    }
                }
                line(functionID, value)
            case 5: location.isFolded = try reader.readUInt64(wireType, field: field) != 0
            default: try reader.skip(wireType)
            }
        }
        return (location, mappingID)
    }
}

/// How many records of each kind pass 0 found.
struct RecordCounts {
    /// The number of records of a kind with ids, their largest id, and
    /// whether the ids follow each other in file order (as Go writes them).
    struct IDs {
        var count = 0
        var maxID: UInt64 = 0
        var firstID: UInt64 = 0
        var isSequential = true

        mutating func add(_ id: UInt64) {
            if count == 0 {
                firstID = id
            } else if id != firstID &+ UInt64(count) {
                isSequential = false
            }
            count += 1
            maxID = max(maxID, id)
        }
    }

    var strings = 0
    var stringBytes = 0
    var sampleTypes = 0
    var comments = 0
    var lines = 0
    /// Mappings with an address that is not 0.
    var mappingAddresses = 0
    var mappings = IDs()
    var functions = IDs()
    var locations = IDs()
}

/// A record with an id (mappings, functions, locations).
protocol IdentifiedRecord {
    var id: UInt64 { get }
}

extension Mapping: IdentifiedRecord {}
extension Function: IdentifiedRecord {}
extension Location: IdentifiedRecord {}

/// An id -> index table of one kind of record, chosen from pass 0's count
/// so that it costs at most 8 bytes a record (a dictionary costs 30 and more):
/// nothing when the ids follow each other in file order, an array when ids
/// are small, else the record indices in id order, searched by the records'
/// own ids.
enum IDIndex {
    /// Record `i` has id `first + i`.
    case sequential(first: UInt64, count: Int)
    /// id -> index + 1, 0 = absent.
    case dense([UInt32])
    /// The record indices in id order, once `finish` has sorted them.
    case sorted([UInt32])

    init(_ ids: RecordCounts.IDs) {
        if ids.isSequential {
            self = .sequential(first: ids.firstID, count: ids.count)
        } else if ids.maxID <= UInt64(ids.count) * 2 + 64 {
            self = .dense([UInt32](repeating: 0, count: Int(ids.maxID) + 1))
        } else {
            self = .sorted([])
        }
    }

    /// The index of the record with `id` among `records` (which `finish` has seen).
    @inline(__always)
    func lookup<Record: IdentifiedRecord>(_ id: UInt64, in records: [Record]) -> Int? {
        switch self {
        case .sequential(let first, let count):
            let offset = id &- first
            return id >= first && offset < UInt64(count) ? Int(offset) : nil
        case .dense(let table):
            guard id < UInt64(table.count) else { return nil }
            let slot = table[Int(id)]
            return slot == 0 ? nil : Int(slot - 1)
        case .sorted(let order):
            var low = 0
            var high = order.count
            while low < high {
                let middle = (low + high) / 2
                if records[Int(order[middle])].id < id { low = middle + 1 } else { high = middle }
            }
            return low < order.count && records[Int(order[low])].id == id ? Int(order[low]) : nil
        }
    }

    /// Records that `id` is at `index`; ids must be unique (pprof's CheckValid).
    mutating func insert(_ id: UInt64, index: Int, kind: String) throws(ProfileError) {
        guard index < Int(UInt32.max) - 1 else { throw .invalid("too many \(kind)s") }
        switch self {
        case .sequential, .sorted:
            break  // pass 0 saw the ids follow each other; `finish` checks sorted ones
        case .dense(var table):
            self = .sorted([])  // releases the table's buffer while it is changed
            guard id < UInt64(table.count), table[Int(id)] == 0 else {
                self = .dense(table)
                throw .invalid("multiple \(kind)s with same id: \(id)")
            }
            table[Int(id)] = UInt32(index + 1)
            self = .dense(table)
        }
    }

    /// Sorts a `sorted` index once every record of its kind is in `records`,
    /// refusing a duplicate id.
    mutating func finish<Record: IdentifiedRecord>(_ records: [Record], kind: String) throws(ProfileError) {
        guard case .sorted = self else { return }
        var order = [UInt32](0..<UInt32(truncatingIfNeeded: records.count))
        order.sort { records[Int($0)].id < records[Int($1)].id }
        for position in order.indices.dropFirst() where records[Int(order[position])].id == records[Int(order[position - 1])].id {
            throw .invalid("multiple \(kind)s with same id: \(records[Int(order[position])].id)")
        }
        self = .sorted(order)
    }
}

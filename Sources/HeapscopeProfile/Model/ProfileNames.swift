/// The one home of how a profile's records name things: every name a
/// record holds is a string-table index, resolved here, and records are
/// added here with their names interned.
extension Profile {
    // MARK: Functions

    /// The function's name.
    public func name(of function: Function) -> String { string(function.nameIndex) }
    /// The function's system (mangled) name.
    public func systemName(of function: Function) -> String { string(function.systemNameIndex) }
    /// The function's source file name.
    public func filename(of function: Function) -> String { string(function.filenameIndex) }

    /// Appends a function with its names interned; returns its index.
    @discardableResult
    public mutating func appendFunction(
        id: UInt64, name: String, systemName: String = "", filename: String = "", startLine: Int64 = 0,
        cache: inout [String: Int32]
    ) -> Int32 {
        let function = Function(
            id: id, nameIndex: intern(name, cache: &cache), systemNameIndex: intern(systemName, cache: &cache),
            filenameIndex: intern(filename, cache: &cache), startLine: startLine)
        functions.append(function)
        return Int32(truncatingIfNeeded: functions.count - 1)
    }

    // MARK: Mappings

    /// The mapping's file name.
    public func file(of mapping: Mapping) -> String { string(mapping.fileIndex) }
    /// The mapping's build id.
    public func buildID(of mapping: Mapping) -> String { string(mapping.buildIDIndex) }

    /// The mapping's addresses (all 0 when it stores none).
    public func addresses(of mapping: Mapping) -> MappingAddresses {
        mapping.addressIndex >= 0 && Int(mapping.addressIndex) < mappingAddresses.count
            ? mappingAddresses[Int(mapping.addressIndex)] : MappingAddresses()
    }

    /// The mapping with its names and addresses resolved.
    public func details(of mapping: Mapping) -> MappingDetails {
        var details = MappingDetails(
            id: mapping.id, file: file(of: mapping), buildID: buildID(of: mapping), hasFunctions: mapping.hasFunctions,
            hasFilenames: mapping.hasFilenames, hasLineNumbers: mapping.hasLineNumbers, hasInlineFrames: mapping.hasInlineFrames)
        details.addresses = addresses(of: mapping)
        return details
    }

    /// Appends a mapping with its names interned and its addresses stored
    /// when any is not 0.
    public mutating func appendMapping(_ details: MappingDetails, cache: inout [String: Int32]) {
        mappings.append(
            Mapping(
                id: details.id, fileIndex: intern(details.file, cache: &cache), buildIDIndex: intern(details.buildID, cache: &cache),
                addressIndex: addressIndex(for: details.addresses), hasFunctions: details.hasFunctions,
                hasFilenames: details.hasFilenames, hasLineNumbers: details.hasLineNumbers, hasInlineFrames: details.hasInlineFrames))
    }

    /// The `Mapping.addressIndex` of `addresses`: -1 when all are 0, else the
    /// index of a new entry of `mappingAddresses`.
    mutating func addressIndex(for addresses: MappingAddresses) -> Int32 {
        guard !addresses.isZero else { return -1 }
        mappingAddresses.append(addresses)
        return Int32(truncatingIfNeeded: mappingAddresses.count - 1)
    }

    // MARK: Sample types

    /// Sample type `index`'s names.
    public func sampleType(_ index: Int) -> ValueType {
        ValueType(type: string(sampleTypes[index].typeIndex), unit: string(sampleTypes[index].unitIndex))
    }

    /// The sample types' type names, in order, made as they are read.
    public var sampleTypeNames: LazyMapSequence<[SampleType], String> {
        sampleTypes.lazy.map { string($0.typeIndex) }
    }

    /// Every sample type's names (a value per type: for small profiles and
    /// comparisons, not for profiles read from untrusted input in full).
    public var resolvedSampleTypes: [ValueType] { sampleTypes.indices.map(sampleType) }

    /// Appends a sample type with its names interned.
    public mutating func appendSampleType(_ type: ValueType, cache: inout [String: Int32]) {
        sampleTypes.append(SampleType(typeIndex: intern(type.type, cache: &cache), unitIndex: intern(type.unit, cache: &cache)))
    }
}

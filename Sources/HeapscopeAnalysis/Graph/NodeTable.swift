import Foundation
import HeapscopeProfile

/// How finely samples are grouped into nodes, as pprof's granularity flags.
public enum Granularity: String, CaseIterable, Sendable {
    case functions, filefunctions, files, lines, addresses
}

/// What identifies a node: pprof's `NodeInfo`. Fields the granularity does
/// not keep are blank.
public struct NodeInfo: Hashable, Sendable {
    public var name: String = ""
    public var address: UInt64 = 0
    public var file: String = ""
    public var startLine: Int64 = 0
    public var lineNumber: Int64 = 0
    public var objfile: String = ""

    public init(
        name: String = "", address: UInt64 = 0, file: String = "", startLine: Int64 = 0, lineNumber: Int64 = 0, objfile: String = ""
    ) {
        self.name = name
        self.address = address
        self.file = file
        self.startLine = startLine
        self.lineNumber = lineNumber
        self.objfile = objfile
    }

    /// The name a report prints: address, function, then file:line or file,
    /// or `[binary]` / `<unknown>` when nothing else is known.
    public var printableName: String {
        nameComponents(nameParts: name.isEmpty ? [] : [name], file: file).joined(separator: " ")
    }

    /// The parts of a node's name: the address, `nameParts`, then
    /// `file:line` or `file`; without a name or file, the binary or
    /// `<unknown>`.
    func nameComponents(nameParts: [String], file: String) -> [String] {
        var parts: [String] = []
        if address != 0 { parts.append(hex16(address)) }
        parts += nameParts
        if lineNumber != 0 {
            parts.append("\(file):\(lineNumber)")
        } else if !file.isEmpty {
            parts.append(file)
        } else if !name.isEmpty {
            // The function name is already there.
        } else if !objfile.isEmpty {
            parts.append("[" + PathUtilities.base(objfile) + "]")
        } else {
            parts.append("<unknown>")
        }
        return parts
    }

    /// Go's `fmt.Sprint(NodeInfo)`, pprof's last tie-breaker when sorting.
    var goDebugString: String {
        "{\(name)  \(address) \(file) \(startLine) \(lineNumber) \(objfile)}"
    }
}

func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
}

/// Options that decide what a node is.
public struct NodeOptions: Hashable, Sendable {
    public var granularity: Granularity
    /// False folds inlined frames into their caller (`--no-inlines`).
    public var inlines: Bool
    /// Keep the binary name and start line on named nodes (list views).
    public var objectNames: Bool
    /// Rewrites each function's file name before nodes are made (trim-path
    /// and source-path handling, as pprof does for every report).
    public var fileNames: FileNameRewriter

    public init(
        granularity: Granularity = .functions, inlines: Bool = true, objectNames: Bool = false,
        fileNames: FileNameRewriter = FileNameRewriter()
    ) {
        self.granularity = granularity
        self.inlines = inlines
        self.objectNames = objectNames
        self.fileNames = fileNames
    }
}

/// pprof's `trimPath`: the file-name rewrite applied to every function's
/// file name before a report is made.
public struct FileNameRewriter: Hashable, Sendable {
    /// Prefixes to strip, separated by `:` (`--trim-path`).
    public var trimPath: String
    /// Source directories, separated by `:` (`--source-path`). When no trim
    /// path is set, a path containing `/<basename of a dir>/` is cut after it.
    public var sourcePath: String

    public init(trimPath: String = "", sourcePath: String = "") {
        self.trimPath = trimPath
        self.sourcePath = sourcePath
    }

    public func rewrite(_ path: String) -> String {
        if trimPath.isEmpty {
            for dir in PathUtilities.splitList(sourcePath) {
                let want = "/" + PathUtilities.base(dir) + "/"
                if let range = path.range(of: want) {
                    return String(path[range.upperBound...])
                }
            }
        }
        for var prefix in PathUtilities.splitList(trimPath) + ["/proc/self/cwd/./", "/proc/self/cwd/"] {
            if !prefix.hasSuffix("/") { prefix += "/" }
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }
}

/// The nodes of a profile at one granularity, and for each location the
/// nodes its lines map to (innermost first). Built once per profile and
/// granularity; every graph and view is derived from it.
public struct NodeTable: Sendable {
    /// Every distinct node.
    public private(set) var infos: [NodeInfo] = []
    /// `printableNames[i]` is `infos[i].printableName`, computed once.
    public private(set) var printableNames: [String] = []
    /// For each node, the node that stands for its whole function (itself
    /// when the node has no address or line number).
    public private(set) var functionNode: [Int32] = []
    /// Location `l`'s nodes are `locationNodes[locationStarts[l]..<locationStarts[l+1]]`.
    public private(set) var locationStarts: [Int32] = [0]
    public private(set) var locationNodes: [Int32] = []
    /// For each entry of `locationNodes`, the index of the profile line it came
    /// from (-1 for a location without lines).
    public private(set) var locationLines: [Int32] = []

    public var count: Int { infos.count }

    public init(profile: Profile, options: NodeOptions = NodeOptions()) {
        var index: [NodeInfo: Int32] = [:]
        let keep = Aggregation(options)
        var files: [Int32: String] = [:]

        func node(for info: NodeInfo) -> Int32 {
            if let existing = index[info] { return existing }
            let id = Int32(infos.count)
            index[info] = id
            infos.append(info)
            printableNames.append(info.printableName)
            functionNode.append(id)
            if info.address != 0 || info.lineNumber != 0 {
                var whole = info
                whole.address = 0
                whole.lineNumber = 0
                functionNode[Int(id)] = node(for: whole)
            }
            return id
        }

        for location in profile.locations {
            var objfile = ""
            if location.mapping >= 0 { objfile = profile.file(of: profile.mappings[Int(location.mapping)]) }
            let address = keep.address ? location.address : 0
            var lineRange = Int(location.lineStart)..<Int(location.lineEnd)
            if !keep.inlines && lineRange.count > 1 { lineRange = (lineRange.upperBound - 1)..<lineRange.upperBound }
            if lineRange.isEmpty {
                locationNodes.append(node(for: NodeInfo(address: address, objfile: objfile)))
                locationLines.append(-1)
            }
            for l in lineRange {
                let line = profile.lines[l]
                let function = profile.functions[Int(line.function)]
                var info = NodeInfo(address: address)
                info.lineNumber = keep.lineNumbers ? line.line : 0
                if keep.functions { info.name = profile.name(of: function) }
                if keep.files {
                    if let cached = files[function.filenameIndex] {
                        info.file = cached
                    } else {
                        let filename = profile.filename(of: function)
                        let name = filename.isEmpty ? "" : options.fileNames.rewrite(filename)
                        let cleaned = name.isEmpty ? "" : PathUtilities.clean(name)
                        files[function.filenameIndex] = cleaned
                        info.file = cleaned
                    }
                }
                if options.objectNames || info.name.isEmpty {
                    info.objfile = objfile
                    info.startLine = function.startLine
                }
                locationNodes.append(node(for: info))
                locationLines.append(Int32(l))
            }
            locationStarts.append(Int32(locationNodes.count))
        }
    }

    /// Location `location`'s nodes, innermost first.
    @inlinable
    public func nodes(ofLocation location: Int) -> ArraySlice<Int32> {
        locationNodes[Int(locationStarts[location])..<Int(locationStarts[location + 1])]
    }
}

/// Which NodeInfo fields a granularity keeps (pprof's `Profile.Aggregate`).
struct Aggregation {
    var inlines = true
    var functions = true
    var files = true
    var lineNumbers = true
    var address = true

    init(_ options: NodeOptions) {
        inlines = options.inlines
        switch options.granularity {
        case .addresses:
            // With inlines kept pprof does not aggregate at all.
            break
        case .lines:
            address = false
        case .files:
            functions = false
            lineNumbers = false
            address = false
        case .functions:
            files = false
            lineNumbers = false
            address = false
        case .filefunctions:
            lineNumbers = false
            address = false
        }
    }
}

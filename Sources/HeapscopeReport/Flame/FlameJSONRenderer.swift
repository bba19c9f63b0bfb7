import HeapscopeAnalysis

/// The flame tree as nested JSON (`flame --format json`): each frame's
/// name, value per sample type (and base value in a diff), and children.
public enum FlameJSONRenderer {
    /// Writes the document into `out` frame by frame. Frames nest as deep as
    /// the deepest stack, so they are walked with a stack of their own rather
    /// than by recursion (a stack of 100,000 frames cannot overflow the
    /// thread's stack).
    public static func write(_ tree: FlameTree, to out: inout TextSink) {
        let types = tree.sampleTypes.map(\.type)
        let header: [(String, JSONValue)] = [
            ("view", .string("flame")),
            ("sample_types", .array(tree.sampleTypes.map { .object([("type", .string($0.type)), ("unit", .string($0.unit))]) })),
            ("sample_type", .string(types[tree.selectedColumn])),
            ("totals", .object(types.indices.map { (types[$0], .int(tree.totals[$0])) })),
            ("diff", .bool(tree.isDiff)),
            ("min_fraction", .double(tree.minFraction)),
            ("pruned_paths", .int(Int64(tree.prunedPaths))),
        ]
        out.write("{\n")
        for (key, value) in header {
            JSONValue.indent(&out, 1)
            out.write(JSONValue.quoted(key))
            out.write(": ")
            value.write(to: &out, indent: 1)
            out.write(",\n")
        }
        JSONValue.indent(&out, 1)
        out.write("\"root\": ")
        writeFrames(tree, types: types, to: &out)
        out.write("\n}\n")
    }

    /// A frame being written: its children from `next` on are still to come.
    private struct OpenFrame {
        let node: Int
        let level: Int
        var next: Int
        var wroteChild = false
    }

    /// The root frame and everything under it, as `JSONValue` would write
    /// the nested objects at indent level 1.
    private static func writeFrames(_ tree: FlameTree, types: [String], to out: inout TextSink) {
        let children = ChildLists(parent: tree.parent)
        var open: [OpenFrame] = []
        func start(_ node: Int, level: Int) {
            out.write("{\n")
            JSONValue.indent(&out, level + 1)
            out.write("\"name\": ")
            out.write(JSONValue.quoted(node == 0 ? "all" : tree.name(node)))
            out.write(",\n")
            JSONValue.indent(&out, level + 1)
            out.write("\"values\": ")
            JSONValue.object(types.indices.map { (types[$0], .int(tree.value(node, column: $0))) }).write(to: &out, indent: level + 1)
            out.write(",\n")
            if tree.isDiff {
                JSONValue.indent(&out, level + 1)
                out.write("\"base_values\": ")
                JSONValue.object(types.indices.map { (types[$0], .int(tree.baseValue(node, column: $0))) })
                    .write(to: &out, indent: level + 1)
                out.write(",\n")
            }
            JSONValue.indent(&out, level + 1)
            out.write("\"children\": ")
            open.append(OpenFrame(node: node, level: level, next: children.start(of: node)))
        }
        guard tree.count > 0 else {
            out.write("null")
            return
        }
        start(0, level: 1)
        while var frame = open.popLast() {
            if frame.next < children.end(of: frame.node) {
                let child = children.child(at: frame.next)
                out.write(frame.wroteChild ? ",\n" : "[\n")
                frame.next += 1
                frame.wroteChild = true
                open.append(frame)
                JSONValue.indent(&out, frame.level + 2)
                start(child, level: frame.level + 2)
                continue
            }
            if frame.wroteChild {
                out.write(byte: UInt8(ascii: "\n"))
                JSONValue.indent(&out, frame.level + 1)
                out.write(byte: UInt8(ascii: "]"))
            } else {
                out.write("[]")
            }
            out.write(byte: UInt8(ascii: "\n"))
            JSONValue.indent(&out, frame.level)
            out.write(byte: UInt8(ascii: "}"))
        }
    }
}

/// Each node's children in node order, in two flat arrays (parents come
/// before children, and the root's parent is -1).
private struct ChildLists {
    /// `nodes[starts[n]..<starts[n + 1]]` are node `n`'s children.
    private var starts: [Int]
    private var nodes: [Int32]

    init(parent: [Int32]) {
        starts = [Int](repeating: 0, count: parent.count + 1)
        for node in parent.indices where parent[node] >= 0 { starts[Int(parent[node]) + 1] += 1 }
        for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
        nodes = [Int32](repeating: 0, count: starts[parent.count])
        var fill = starts
        for node in parent.indices where parent[node] >= 0 {
            let parentNode = Int(parent[node])
            nodes[fill[parentNode]] = Int32(node)
            fill[parentNode] += 1
        }
    }

    func start(of node: Int) -> Int { starts[node] }
    func end(of node: Int) -> Int { starts[node + 1] }
    func child(at index: Int) -> Int { Int(nodes[index]) }
}

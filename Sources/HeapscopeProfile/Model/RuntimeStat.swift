/// One `# Name = value` line of the `# runtime.MemStats` block that Go's
/// legacy heap text ends with, e.g. `HeapAlloc` = `15560472`.
public struct RuntimeStat: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

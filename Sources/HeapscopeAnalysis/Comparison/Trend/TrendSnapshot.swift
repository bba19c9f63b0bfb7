/// One decoded snapshot ready for the trend: its file and report context.
public struct TrendSnapshot: Sendable {
    public var file: String
    public var context: ReportContext

    public init(file: String, context: ReportContext) {
        self.file = file
        self.context = context
    }
}

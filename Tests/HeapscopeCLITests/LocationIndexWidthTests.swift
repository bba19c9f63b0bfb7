import HeapscopeAnalysis
import HeapscopeProfile
import HeapscopeReport
import Testing

@Suite("16- and 32-bit sample stacks give the same views")
struct LocationIndexWidthTests {
    /// The text views and folded stacks of `profile`.
    private static func views(_ profile: Profile) throws -> [String] {
        let context = try ReportContext(profile: profile, options: ReportOptions())
        return [
            TopRenderer.text(TopView(context: context)),
            TreeRenderer.text(try TreeView(context: context)),
            TracesRenderer.text(TracesView(context: context)),
            DotRenderer.dot(DotView(context: context)),
            String(decoding: FoldedRenderer.render(StackGroups(context: context)), as: UTF8.self),
        ]
    }

    /// A fixture padded past 65,536 locations decodes to 32-bit stacks;
    /// the same stacks in 16 bits give the same views, encoding, truncation
    /// and merge.
    @Test(arguments: ["recursive", "labels"])
    func wideAndNarrowStacksGiveTheSameViews(_ name: String) throws {
        var padded = try ProfileDecoder.decode(contentsOf: CLI.root.appendingPathComponent("Fixtures/profiles/\(name).pb.gz").path)
        guard case .narrow = padded.sampleLocations.form else {
            Issue.record("\(name) decoded to 32-bit stacks")
            return
        }
        let firstID = (padded.locations.map(\.id).max() ?? 0) + 1
        let noLines = Int32(padded.lines.count)
        for index in 0..<(65_537 - padded.locations.count) {
            padded.locations.append(Location(id: firstID + UInt64(index), lineStart: noLines, lineEnd: noLines))
        }
        let wide = try ProfileDecoder.decode(ProfileEncoder.encode(padded))
        var narrow = wide
        narrow.sampleLocations = LocationIndices(Array(wide.sampleLocations))
        guard case .wide = wide.sampleLocations.form, case .narrow = narrow.sampleLocations.form else {
            Issue.record("\(name): the decoder kept 16 bits past 65,536 locations")
            return
        }
        #expect(try Self.views(wide) == Self.views(narrow))
        #expect(ProfileEncoder.encode(wide) == ProfileEncoder.encode(narrow))
        #expect(StackTruncation.detect(in: wide) == StackTruncation.detect(in: narrow))
        let (mergedWide, mergedNarrow) = (try ProfileMerger.mergedSamples(of: wide), try ProfileMerger.mergedSamples(of: narrow))
        #expect(mergedWide.sampleLocations == mergedNarrow.sampleLocations && mergedWide.sampleValues == mergedNarrow.sampleValues)
    }
}

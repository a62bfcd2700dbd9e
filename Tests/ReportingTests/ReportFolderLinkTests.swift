import BenchWorkflow
import Foundation
import Reporting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A reports folder is a CI artifact read offline: walked link by link, every link of every page
/// in it resolves, to a file of the folder or an element of the page.
@Suite struct ReportFolderLinkTests {
    @Test func everyLinkOfAReportsFolderResolves() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let folder = runs.directory.file("Reports")
        let writer = ReportWriter(directory: folder)
        // Reports of some runs only, as nights that wrote one leave them: the others have no page.
        try writer.write(try await runs.report(runs.baseline), updateLatest: true)
        try writer.write(try await runs.report(runs.regressed), updateLatest: true)
        let database = runs.database
        let fleet = try await database.read { try FleetReport.read($0, store: database.displayName) }
        try FleetReportWriter(directory: folder).write(fleet)

        let pages = try HistorySiteTests.pages(in: folder)
        #expect(
            Set(pages.keys) == ["run-\(runs.baseline).html", "run-\(runs.regressed).html", "latest.html", "fleet.html"])
        let linkedRuns = Set(
            try HistorySiteTests.expectEveryLinkResolves(pages, folder: "folder").filter { !$0.link.hasPrefix("#") }
                .map(\.target))
        // The latest report's charts link both runs' pages, and only those.
        let latest = try #require(pages["latest.html"])
        let chartLinks = Set(try HistorySiteTests.values(latest, "//*[local-name()='svg']//@href"))
        #expect(chartLinks == ["run-\(runs.baseline).html", "run-\(runs.regressed).html"])
        #expect(linkedRuns.isSuperset(of: chartLinks))
    }
}

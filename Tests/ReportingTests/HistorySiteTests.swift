import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore
import Testing

@testable import Reporting

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct HistorySiteTests {
    /// Every page of the site parsed as XML, by file name.
    static func pages(in directory: String) throws -> [String: XMLDocument] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".html") }
        return try Dictionary(
            uniqueKeysWithValues: names.map { name in
                let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
                return (name, try XMLDocument(data: data, options: []))
            })
    }

    static func values(_ document: XMLDocument, _ path: String) throws -> [String] {
        try document.nodes(forXPath: path).compactMap(\.stringValue)
    }

    /// Follows every link of `pages` offline: none leaves the folder, each names a page of it and,
    /// with a `#fragment`, an element of that page. Returns the page each link names, by link
    /// (a same-page `#fragment` names the page it is on).
    static func expectEveryLinkResolves(_ pages: [String: XMLDocument], folder: String) throws
        -> [(link: String, target: String)]
    {
        var followed: [(link: String, target: String)] = []
        for (name, document) in pages {
            for link in try values(document, "//@href") {
                #expect(!link.contains(":"), "\(name) links out of the \(folder): \(link)")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? name : parts[0]
                let page = try #require(pages[target], "\(name) links to \(link), which the \(folder) does not have")
                if parts.count == 2 {
                    #expect(
                        !(try values(page, "//*[@id='\(parts[1])']/@id")).isEmpty,
                        "\(name): no #\(parts[1]) in \(target)")
                }
                followed.append((link, target))
            }
        }
        return followed
    }

    /// Walks the site: every link resolves to a page of the site, and an anchor to an element of it.
    @Test func everyLinkResolves() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let site = runs.directory.file("site")
        let outcome = try await SitePublisher(store: runs.database, configuration: StoredRuns.configuration).publish(
            into: site)
        #expect(outcome.runPages == runs.ids.count)
        let pages = try Self.pages(in: site)
        #expect(Set(pages.keys) == Set(["index.html", "regressions.html"] + runs.ids.map { "run-\($0).html" }))
        for document in pages.values {
            #expect(try Self.values(document, "//*[local-name()='script']").isEmpty)
        }
        let checked = try Self.expectEveryLinkResolves(pages, folder: "site").count
        #expect(checked > runs.ids.count * 2)
        // The index lists every run, newest first; the regressions page the stored alert.
        let index = try #require(pages["index.html"])
        let listed = try Self.values(index, "//*[local-name()='table' and @class='runs']//*[local-name()='a']/@href")
        #expect(listed == runs.ids.reversed().map { "run-\($0).html" })
        let regressions = try #require(pages["regressions.html"])
        #expect(
            try Self.values(regressions, "//*[@id='alerts']/following::*[local-name()='tr'][@data-run]/@data-run")
                .contains(String(runs.regressed)))
        let labelled = try #require(pages["run-\(runs.labelled).html"]).rootElement()?.stringValue ?? ""
        #expect(labelled.contains(StoredRuns.scriptLabel))
    }

    /// A second write renders only what changed: nothing but the index and the regressions page,
    /// then, after a new run, its page and the page before it (whose "next" link changed).
    @Test func writesIncrementally() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let site = runs.directory.file("site")
        let publisher = SitePublisher(store: runs.database, configuration: StoredRuns.configuration)
        let first = try await publisher.publish(into: site)
        #expect(first.written.count == runs.ids.count + 2)
        let again = try await publisher.publish(into: site)
        #expect(again.written == ["index.html", "regressions.html"])
        let last = try await runs.database.run(runs.regressed)
        let id = try await runs.database.beginRun(
            NewRun(suite: "full", label: "nightly", startedAt: last.startedAt + 86_400))
        try await runs.database.finishRun(
            id, status: .failed, reason: "The engine stopped answering.", endedAt: last.startedAt + 86_500)
        let after = try await publisher.publish(into: site)
        #expect(after.written == ["index.html", "regressions.html", "run-\(runs.regressed).html", "run-\(id).html"])
        // A page that went missing is written again.
        try FileManager.default.removeItem(atPath: site + "/run-\(runs.baseline).html")
        #expect(try await publisher.publish(into: site).written.contains("run-\(runs.baseline).html"))
    }

    /// A run page links the run's full report where the reports folder holds it, and only there;
    /// a report written later rewrites that run's page alone.
    @Test func aRunPageLinksItsReportOnlyWhereTheReportIsThere() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let site = runs.directory.file("site")
        let reports = runs.directory.file("Reports")
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        try Data("<html></html>".utf8).write(to: URL(fileURLWithPath: reports + "/run-\(runs.baseline).html"))
        let publisher = SitePublisher(
            store: runs.database, configuration: StoredRuns.configuration, reportsDirectory: reports)
        _ = try await publisher.publish(into: site)
        let pages = try Self.pages(in: site)
        func reportLinks(_ id: Int64) throws -> [String] {
            try Self.values(try #require(pages["run-\(id).html"]), "//@href").filter { $0.contains("Reports") }
        }
        #expect(try reportLinks(runs.baseline).allSatisfy { $0 == "../Reports/run-\(runs.baseline).html" })
        #expect(try reportLinks(runs.baseline).count == 2, "in the navigation and beside the metrics")
        #expect(try reportLinks(runs.regressed).isEmpty, "no report of run \(runs.regressed) in the folder")
        try Data("<html></html>".utf8).write(to: URL(fileURLWithPath: reports + "/run-\(runs.regressed).html"))
        #expect(
            try await publisher.publish(into: site).written
                == ["index.html", "regressions.html", "run-\(runs.regressed).html"])
    }

    /// The manifest is a file in the site's folder that anyone may have edited (a site restored
    /// from an artifact or a branch): a name in it that is not a run page is never removed.
    @Test func onlyRunPagesOfTheManifestAreEverRemoved() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let site = runs.directory.file("site")
        let publisher = SitePublisher(store: runs.database, configuration: StoredRuns.configuration)
        _ = try await publisher.publish(into: site)
        let outside = runs.directory.file("keep")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: outside + "/file"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: site + "/notes.txt"))
        try Data("old".utf8).write(to: URL(fileURLWithPath: site + "/run-999999.html"))
        let manifestPath = site + "/" + SiteWriter.manifestName
        var manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
                as? [String: Any])
        var pages = try #require(manifest["pages"] as? [String: Any])
        for name in ["../keep", "notes.txt", "run-999999.html"] { pages[name] = "x" }
        manifest["pages"] = pages
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))
        _ = try await publisher.publish(into: site)
        #expect(FileManager.default.fileExists(atPath: outside + "/file"))
        #expect(FileManager.default.fileExists(atPath: site + "/notes.txt"))
        // A run page of a run that is gone is removed, as before.
        #expect(!FileManager.default.fileExists(atPath: site + "/run-999999.html"))
    }
}

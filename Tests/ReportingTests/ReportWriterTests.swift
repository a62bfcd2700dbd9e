import BenchWorkflow
import Foundation
import StoreTestSupport
import Testing

@testable import Reporting

@Suite struct ReportWriterTests {
    @Test func filesPerRunAndLatestCopies() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let folder = runs.directory.file("Reports/nested")
        let writer = ReportWriter(directory: folder)
        let report = try await runs.report(runs.regressed)
        let written = try writer.write(
            report, updateLatest: try await ReportLoader(store: runs.database).isNewestRun(report.run))
        let id = runs.regressed
        #expect(
            written.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "run-\(id).html", "run-\(id).md", "run-\(id).json", "latest.html", "latest.md", "latest.json",
            ])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                "latest.html", "latest.json", "latest.md", "run-\(id).html", "run-\(id).json", "run-\(id).md",
            ])
        for format in ReportFormat.allCases {
            let perRun = try String(contentsOfFile: folder + "/run-\(id).\(format.fileExtension)", encoding: .utf8)
            let latest = try String(contentsOfFile: folder + "/latest.\(format.fileExtension)", encoding: .utf8)
            #expect(perRun == latest)
            // The HTML's charts link only the pages in the folder: this run's, the one written.
            let expected =
                format == .html ? HTMLReport.render(report, linkedRuns: [id]) : try format.render(report)
            #expect(perRun == expected)
        }
    }

    @Test func anOlderRunLeavesLatestAlone() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let folder = runs.directory.file("Reports")
        let writer = ReportWriter(directory: folder)
        let newest = try await runs.report(runs.regressed)
        try writer.write(newest, updateLatest: try await ReportLoader(store: runs.database).isNewestRun(newest.run))
        let older = try await runs.report(runs.labelled)
        #expect(try await ReportLoader(store: runs.database).isNewestRun(older.run) == false)
        try writer.write(older, formats: [.html], updateLatest: false)
        let latest = try String(contentsOfFile: folder + "/latest.html", encoding: .utf8)
        #expect(latest == HTMLReport.render(newest, linkedRuns: [runs.regressed]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func rewritingReplacesTheFileAndLeavesNoTemporaryFile() async throws {
        let directory = try TemporaryDirectoryForWriter()
        defer { directory.remove() }
        let path = directory.path + "/page.html"
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second, longer than the first", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer than the first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["page.html"])
    }

    @Test func aFileWhereTheFolderShouldBeIsRefused() async throws {
        let directory = try TemporaryDirectoryForWriter()
        defer { directory.remove() }
        let path = directory.path + "/Reports"
        try AtomicFile.write("not a folder", to: path)
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.baseline)
        #expect(throws: ReportWriteError.notADirectory(path: path)) {
            try ReportWriter(directory: path).write(report, updateLatest: true)
        }
    }
}

/// A bare temporary folder, for the writer tests that need no database.
struct TemporaryDirectoryForWriter {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("report-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

import Foundation

/// Writes a run's report files into a folder: `run-<id>.html`, `.md` and `.json`, kept per
/// run, and `latest.html`, `.md` and `.json`, replaced by the report of the newest run.
///
/// `latest.*` are copies, not symlinks: Reports/ is uploaded as a CI artifact, served by web
/// servers that may not follow links, zipped and synced, and opened from other systems, and a
/// copy survives all of that. Each file is replaced atomically (`AtomicFile`), so a browser or
/// a collector never reads half a report. The copies cost a few hundred kilobytes.
package struct ReportWriter: Sendable {
    package static let defaultDirectory = "Reports"

    package let directory: String

    package init(directory: String = ReportWriter.defaultDirectory) {
        self.directory = directory
    }

    package static func fileName(runID: Int64, format: ReportFormat) -> String {
        "run-\(runID).\(format.fileExtension)"
    }

    package static func latestFileName(format: ReportFormat) -> String {
        "latest.\(format.fileExtension)"
    }

    /// True for a name this writer gives a file in its folder (`run-42.md`, `latest.html`), or
    /// `report --fleet` does (`fleet.json`): what another output must not be named there.
    package static func writes(fileName name: String) -> Bool {
        // `report --fleet` also writes the fleet's silence gauges (`FleetPrometheus`).
        if name == "fleet.prom" { return true }
        return ReportFormat.allCases.contains { format in
            let suffix = "." + format.fileExtension
            guard name.hasSuffix(suffix) else { return false }
            let stem = name.dropLast(suffix.count)
            return stem == "latest" || stem == "fleet" || RunPageLink.isRunStem(stem)
        }
    }

    /// Writes the report in each of `formats` and returns the paths written, per-run files
    /// first. With `updateLatest`, also replaces `latest.*`.
    @discardableResult
    package func write(_ report: RunReport, formats: [ReportFormat] = ReportFormat.allCases, updateLatest: Bool) throws
        -> [String]
    {
        try AtomicFile.createDirectory(directory)
        var written: [String] = []
        var latest: [String] = []
        // The charts link the pages of runs whose report is in this folder (this run's among
        // them), never a page that is not there: the folder is a CI artifact, read offline.
        let pages = RunPageLink.pages(in: directory).union(formats.contains(.html) ? [report.run.id] : [])
        for format in formats {
            let text = format == .html ? HTMLReport.render(report, linkedRuns: pages) : try format.render(report)
            let path = self.path(Self.fileName(runID: report.run.id, format: format))
            try AtomicFile.write(text, to: path)
            written.append(path)
            if updateLatest {
                let latestPath = self.path(Self.latestFileName(format: format))
                try AtomicFile.write(text, to: latestPath)
                latest.append(latestPath)
            }
        }
        return written + latest
    }

    private func path(_ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }
}

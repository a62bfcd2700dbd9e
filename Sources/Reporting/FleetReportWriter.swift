import Foundation

/// Writes the fleet view into a folder as `fleet.html`, `fleet.md` and `fleet.json`, each
/// replaced atomically.
package struct FleetReportWriter: Sendable {
    package let directory: String

    package init(directory: String = ReportWriter.defaultDirectory) {
        self.directory = directory
    }

    /// Writes `report` in each of `formats` and returns the paths written.
    @discardableResult
    package func write(_ report: FleetReport, formats: [ReportFormat] = ReportFormat.allCases) throws -> [String] {
        try AtomicFile.createDirectory(directory)
        let written = try formats.map { format in
            let path = URL(fileURLWithPath: directory).appendingPathComponent("fleet.\(format.fileExtension)").path
            let text =
                format == .html
                ? FleetHTML.render(report, linkedRuns: RunPageLink.pages(in: directory))
                : try Self.render(report, as: format)
            try AtomicFile.write(text, to: path)
            return path
        }
        // The silence gauges, for Prometheus's textfile collector.
        let gauges = URL(fileURLWithPath: directory).appendingPathComponent("fleet.prom").path
        try AtomicFile.write(FleetPrometheus.render(report), to: gauges)
        return written + [gauges]
    }

    package static func render(_ report: FleetReport, as format: ReportFormat) throws -> String {
        switch format {
        case .html: return FleetHTML.render(report)
        case .markdown: return FleetMarkdown.render(report)
        case .json: return try JSONReport.encode(report)
        }
    }
}

/// The files a report is written as.
package enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case html
    case markdown
    case json

    /// The file name extension: `run-42.md` for Markdown.
    package var fileExtension: String {
        switch self {
        case .html: "html"
        case .markdown: "md"
        case .json: "json"
        }
    }

    package func render(_ report: RunReport) throws -> String {
        switch self {
        case .html: HTMLReport.render(report)
        case .markdown: MarkdownReport.render(report)
        case .json: try JSONReport.render(report)
        }
    }
}

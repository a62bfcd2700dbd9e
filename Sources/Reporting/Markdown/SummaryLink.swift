import Foundation

/// Where the CI summary sends its reader for the whole report: a URL given on the command line
/// (`--report-url`), else the GitHub Actions run page (whose artifacts hold the reports), built
/// from `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_RUN_ID` when all three are set.
package struct SummaryLink: Sendable, Hashable {
    package var url: String
    package var label: String

    package init(url: String, label: String) {
        self.url = url
        self.label = label
    }

    /// A URL given by the user: http or https, with a host, and no character that could end a
    /// Markdown link or a line; nil and a sentence otherwise.
    package static func given(_ text: String) throws(SummaryLinkError) -> SummaryLink {
        guard let url = checked(text) else { throw SummaryLinkError(text: text) }
        return SummaryLink(url: url, label: "report")
    }

    /// The GitHub Actions run page, when the environment names one; values that are not a URL,
    /// an owner/name and a number are ignored (the summary then has no link rather than a wrong one).
    package static func fromEnvironment(_ environment: [String: String]) -> SummaryLink? {
        guard let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
            let run = environment["GITHUB_RUN_ID"], !run.isEmpty, run.allSatisfy(\.isASCII), run.allSatisfy(\.isNumber)
        else { return nil }
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(allowed.contains) }),
            let base = checked(server)
        else { return nil }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return SummaryLink(url: "\(trimmed)/\(repository)/actions/runs/\(run)", label: "CI run and its artifacts")
    }

    /// `[report](https://…)`
    package var markdown: String { "[\(label)](<\(url)>)" }

    private static func checked(_ text: String) -> String? {
        guard text.count <= 2048,
            text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }),
            !text.contains(where: { "<>\"`\\".contains($0) }),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        return text
    }
}

/// A `--report-url` that is not an http(s) URL a Markdown link can hold.
package struct SummaryLinkError: Error, CustomStringConvertible {
    package var text: String
    package var description: String {
        "--report-url must be an http or https URL with a host and no spaces, quotes or angle brackets"
    }
}

import Foundation

/// The frame every page of the history site shares: the report's style sheet, a title and the
/// links between the pages. Self-contained like the report: no script, nothing fetched.
enum SitePage {
    static func document(title: String, navigation: [(String, String)], body: (inout HTMLBuilder) -> Void) -> String {
        var page = HTMLBuilder()
        page.raw(
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        page.element("title", text: title)
        page.raw("<style>\(ReportStyle.css)</style></head>\n<body><main>")
        page.element("nav", ["class": "site"]) { nav in
            for (index, link) in navigation.enumerated() {
                if index > 0 { nav.text(" · ") }
                nav.element("a", ["href": link.1], text: link.0)
            }
        }
        body(&page)
        page.raw("</main></body></html>\n")
        return page.html
    }

    static let indexLink = ("all runs", "index.html")
    static let regressionsLink = ("regressions and change points", "regressions.html")
}

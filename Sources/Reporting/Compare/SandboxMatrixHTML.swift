import BenchModel
import Foundation
import Regression

/// The report page of `compare`: a self-contained HTML page (its own small style sheet, no
/// script, nothing fetched) that a person choosing a sandbox reads in a minute — the verdict of
/// each profile against the first, then the matrix. Wide screens get one table, a column per
/// profile; narrow ones (a phone, 420 px) one card per profile, its figures one under another.
/// Every user string is escaped (`MarkupEscaping`).
package enum SandboxMatrixHTML {
    package static func page(_ matrix: SandboxMatrix) -> String {
        let e = { MarkupEscaping.escape($0) }
        let first = matrix.columns.first?.side ?? "A"
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>Sandboxes compared — \(e(matrix.testbed))</title>
            <style>\(css)</style></head><body><main>
            <h1>Sandboxes compared</h1>
            <p class="meta">Testbed \(e(matrix.testbed)) · suite \(e(matrix.suite)) · started \
            \(e(ISO8601Milliseconds.string(from: matrix.startedAt))) · \
            \(DecimalText.fixed(matrix.seconds, decimals: 1)) s, every profile measured in the same minutes \
            in a rotating order</p>
            <ul class="verdicts">
            """
        for column in matrix.columns {
            let state = column.verdict.map { $0.passed ? "passed" : "alert" } ?? "baseline"
            html += "<li class=\"\(state)\"><b>\(e(column.side)): \(e(column.source))</b> "
            html += "<span>— \(e(matrix.verdictText(column)))</span>"
            if !column.weakenings.isEmpty {
                html += "<p class=\"weakened\">Gives up isolation a sandbox for untrusted code should keep: "
                html += column.weakenings.map(e).joined(separator: "; ") + ".</p>"
            }
            if let verdict = column.verdict, !verdict.alerts.isEmpty {
                html += "<ul>" + verdict.alerts.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            }
            html += "</li>\n"
        }
        html += "</ul>\n"
        html += table(matrix, escape: e)
        html += cards(matrix, escape: e)
        let differences = matrix.differenceLines()
        if !differences.isEmpty {
            html += "<h2>Isolation against \(e(first))</h2><ul class=\"differences\">"
            html += differences.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        html += """
            <p class="note">Figures are medians of each run's samples; a later column also reads against \
            \(e(first)). Each verdict is the gate of that profile against \(e(first)), pair by pair as \
            <code>ab</code> judges. Memory is what the engine reports for one idle sandbox after the isolation \
            probe; “not reported” where the engine reports none.</p>
            </main></body></html>

            """
        return html
    }

    private static func table(_ matrix: SandboxMatrix, escape e: (String) -> String) -> String {
        var html = "<table class=\"matrix\"><thead><tr><th></th>"
        for column in matrix.columns {
            html += "<th>\(e(column.side)): \(e(column.source))<small>\(e(column.runtime)), run \(column.runID)"
            html += "</small></th>"
        }
        html += "</tr></thead><tbody>\n"
        for row in SandboxMatrix.Row.allCases {
            html += "<tr><th>\(e(row.title))</th>"
            for column in matrix.columns {
                html += "<td>\(e(matrix.cell(row, column)))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private static func cards(_ matrix: SandboxMatrix, escape e: (String) -> String) -> String {
        var html = "<div class=\"cards\">"
        for column in matrix.columns {
            html += "<section><h2>\(e(column.side)): \(e(column.source))</h2>"
            html += "<p class=\"meta\">\(e(column.runtime)), run \(column.runID)</p><dl>"
            for row in SandboxMatrix.Row.allCases {
                html += "<dt>\(e(row.title))</dt><dd>\(e(matrix.cell(row, column)))</dd>"
            }
            html += "</dl></section>"
        }
        return html + "</div>\n"
    }

    /// Without `<` or `&`, so that the page stays well-formed XML.
    static let css = """
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, "DejaVu Sans", "Liberation Sans", sans-serif; color: #1f2328;
               background: #f6f8fa; margin: 0; }
        main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 40px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 24px 0 8px; }
        .meta { color: #57606a; margin: 0; }
        ul.verdicts { list-style: none; padding: 0; margin: 16px 0; }
        ul.verdicts > li { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid #8c959f;
               border-radius: 6px; padding: 8px 12px; margin: 6px 0; }
        ul.verdicts > li.passed { border-left-color: #1a7f37; }
        ul.verdicts > li.alert { border-left-color: #cf222e; }
        ul.verdicts .weakened { margin: 4px 0 0; color: #9a6700; font-weight: 600; font-size: 14px; }
        ul.verdicts ul { margin: 4px 0 0; padding-left: 20px; color: #57606a; font-size: 13px; }
        table.matrix { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d0d7de; }
        table.matrix th, table.matrix td { padding: 8px 12px; border-bottom: 1px solid #d8dee4; text-align: right;
               vertical-align: top; }
        table.matrix th:first-child { text-align: left; font-weight: 600; }
        table.matrix thead th { background: #f6f8fa; }
        table.matrix small { display: block; font-weight: normal; color: #57606a; }
        .cards { display: none; }
        .cards section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 14px 10px;
               margin: 10px 0; }
        .cards h2 { margin: 8px 0 0; }
        .cards dl { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; margin: 8px 0 0; }
        .cards dt { color: #57606a; }
        .cards dd { margin: 0; text-align: right; font-weight: 600; }
        .differences li { margin: 4px 0; }
        .note { color: #57606a; font-size: 13px; margin-top: 24px; }
        @media (max-width: 760px) {
          main { padding: 12px; }
          table.matrix { display: none; }
          .cards { display: block; }
        }
        """
}

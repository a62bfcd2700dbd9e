/// The page's only style sheet, inline: the report must open offline, from a file, in a CI
/// artifact viewer, with no font or script fetched from anywhere. Written without `<` or `&`
/// so that the page stays well-formed XML.
enum ReportStyle {
    static let phaseColors: [String: String] = [
        "create": "#4e79a7", "start": "#f28e2b", "run": "#59a14f", "logs": "#b07aa1", "remove": "#9c755f",
    ]

    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif;
               color: #1f2328; background: #f6f8fa; margin: 0; }
        main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 40px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 14px; margin: 18px 0 6px; }
        .chart h3 { margin-top: 0; }
        .meta { color: #57606a; margin: 0; }
        .meta span + span::before { content: " · "; }
        .verdict { margin: 16px 0 0; padding: 12px 16px; border-radius: 6px; border: 1px solid; background: #fff; }
        .verdict p { margin: 0; font-size: 16px; font-weight: 600; }
        .verdict p.decision { font-size: 13px; font-weight: normal; color: #57606a; margin-top: 4px; }
        .verdict li.expected { color: #7d4e00; }
        .verdict ul { margin: 8px 0 0; padding-left: 20px; }
        .verdict li { margin: 4px 0; }
        .verdict .details { font-weight: normal; color: #57606a; }
        .verdict .reevaluation { margin-top: 10px; padding: 8px 12px; border: 1px dashed #8c959f; border-radius: 4px; background: #f6f8fa; }
        main .verdict .reevaluation p { font-size: 14px; font-weight: 600; color: #24292f; }
        main .verdict .reevaluation li { color: #24292f; font-weight: normal; }
        .verdict.alert, .verdict.missing { border-color: #cf222e; background: #ffebe9; }
        .verdict.alert p, .verdict.missing p { color: #a40e26; }
        .verdict.clean { border-color: #1a7f37; background: #dafbe1; }
        .verdict.clean p { color: #116329; }
        .verdict.failed, .verdict.aborted, .verdict.running, .verdict.expected { border-color: #9a6700; background: #fff8c5; }
        .verdict.failed p.headline, .verdict.aborted p.headline, .verdict.running p.headline, .verdict.expected p.headline { color: #7d4e00; }
        a { color: #0969da; }
        .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
        .chart { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px 6px; }
        .chart.wide { grid-column: 1 / -1; }
        .chart .sub { color: #57606a; font-size: 12px; margin: -4px 0 4px; }
        .chart > svg, .chart-scroll > svg { display: block; width: 100%; height: auto; }
        .legend { color: #57606a; font-size: 12px; margin: 0 0 10px; line-height: 1.9; }
        .legend svg { vertical-align: middle; }
        .legend span { margin-right: 14px; white-space: nowrap; }
        .legend span.note { white-space: normal; }
        .table-wrap { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; background: #fff; border: 1px solid #d0d7de; width: 100%; font-size: 13px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.alert td { background: #ffebe9; }
        tr.expected td { background: #fff8c5; }
        tr.regression td { background: #fff1ef; }
        td.why { color: #57606a; font-size: 12px; }
        details.folded { margin-top: 10px; }
        details.folded summary { cursor: pointer; color: #57606a; margin-bottom: 6px; }
        tr.improvement td { background: #f0fff4; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600;
                 border: 1px solid #d0d7de; background: #f6f8fa; color: #57606a; }
        .badge.regression, .badge.fail { background: #ffebe9; border-color: #cf222e; color: #a40e26; }
        .badge.alert { background: #cf222e; border-color: #cf222e; color: #fff; }
        tr.alert td:first-child { box-shadow: inset 4px 0 #cf222e; }
        tr.expected td:first-child { box-shadow: inset 4px 0 #d4a72c; }
        .badge.improvement, .badge.pass { background: #dafbe1; border-color: #1a7f37; color: #116329; }
        .badge.info { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
        .badge.noise { background: #f6f8fa; border-color: #d0d7de; color: #57606a; }
        .diff td { background: #fff8c5; }
        .badge.state-passed { background: #dafbe1; border-color: #1a7f37; color: #116329; }
        .badge.state-not-gated { background: #fff; border: 1px dotted #57606a; color: #424a53; }
        .badge.state-would-alert { background: #fff; border: 2px dashed #bc4c00; color: #953800; }
        .badge.state-alert, .badge.state-failed { background: #cf222e; border-color: #cf222e; color: #fff; }
        .badge.state-expected, .badge.state-running, .badge.state-aborted, .badge.state-incomplete {
            background: #fff8c5; border-color: #9a6700; color: #6b4400; }
        .badge.state-noise { background: #ffebe9; border: 1px dashed #cf222e; color: #a40e26; }
        .badge.state-missing { background: #ffebe9; border: 3px double #cf222e; color: #a40e26; }
        .badge.state-withheld { background: #fff; border: 2px dotted #9a6700; color: #6b4400; }
        .verdict.state-withheld { border: 2px dotted #9a6700; background: #fff8c5; }
        main .verdict.state-withheld p.headline { color: #6b4400; }
        .verdict .headline .badge { font-size: 13px; vertical-align: 2px; margin-right: 4px; }
        .verdict.state-would-alert { border: 2px dashed #bc4c00; background: #fff1e5; }
        main .verdict.state-would-alert p.headline { color: #953800; }
        .verdict.state-not-gated { border: 1px dotted #57606a; background: #fff; }
        main .verdict.state-not-gated p.headline { color: #24292f; }
        .verdict.state-noise { border-style: dashed; background: #fff5f5; }
        tr.state-would-alert td:first-child { box-shadow: inset 4px 0 #bc4c00; }
        pre { margin: 4px 0 0; padding: 6px 8px; background: #f6f8fa; border: 1px solid #eaeef2; border-radius: 4px;
              font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre-wrap;
              word-break: break-all; max-height: 240px; overflow: auto; }
        code { font: 12px ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
        .empty { color: #57606a; margin: 0; }
        footer { color: #57606a; font-size: 12px; margin-top: 32px; }
        @media (max-width: 700px) {
            main { padding: 12px 10px 28px; }
            h1 { font-size: 19px; }
            .charts { grid-template-columns: minmax(0, 1fr); }
            .chart { padding: 8px 6px 4px; }
            .legend span { margin-right: 8px; }
            table { font-size: 12px; }
            .table-wrap > table.summaries, .table-wrap > table.failures,
            .table-wrap > table.alerts-history { min-width: 680px; }
            table[data-layout=cards] { border: 0; background: none; }
            table[data-layout=cards] thead { display: none; }
            table[data-layout=cards], table[data-layout=cards] tbody { display: block; }
            table[data-layout=cards] tr { display: flex; flex-wrap: wrap; gap: 2px 12px; margin: 0 0 8px; padding: 6px 8px;
                             background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
            table[data-layout=cards] td { display: block; border: 0; padding: 1px 0; text-align: left; }
            table[data-layout=cards] td::before { color: #57606a; }
            table[data-layout=cards] td.why { flex-basis: 100%; }
            tr.alert td:first-child, tr.expected td:first-child, tr.state-would-alert td:first-child { box-shadow: none; }
            table[data-layout=cards] tr.alert { border-left: 4px solid #cf222e; }
            table[data-layout=cards] tr.expected { border-left: 4px solid #d4a72c; }
            table[data-layout=cards] tr.state-would-alert { border-left: 4px dashed #bc4c00; }
            .chart-scroll { overflow-x: auto; display: flex; flex-direction: row-reverse; }
            .chart-scroll > svg { flex: 0 0 auto; width: 480px; }
            .chart.wide .chart-scroll > svg { width: 880px; }
        }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        """
}

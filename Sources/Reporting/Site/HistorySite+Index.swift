import BenchModel
import Foundation
import Regression
import ResultsStore

extension HistorySite {
    /// `index.html`: the charts of the last runs, then every run, newest first.
    package func indexPage() -> String {
        let runs = overview.runs
        return SitePage.document(title: "sandbox-bench · \(runs.count) runs", navigation: [SitePage.regressionsLink]) {
            page in
            page.element("h1", text: "sandbox-bench · every run")
            var facts = [ValueFormat.count(runs.count, "run")]
            if let first = runs.first, let last = runs.last {
                facts.append("\(ReportDate.day(first.startedAt)) to \(ReportDate.day(last.startedAt)), UTC")
            }
            facts.append("\(overview.alerts.count) with stored alerts")
            facts.append(ValueFormat.count(levelShifts.count, "change point"))
            facts.append("generated \(ReportDate.minute(generatedAt))")
            page.element("p", ["class": "meta"]) { meta in for fact in facts { meta.element("span", text: fact) } }
            charts(into: &page)
            page.element("h2", ["id": "runs"], text: "Runs, newest first")
            let creation = overview.keyFigures[Metric.creation.createStart.id] ?? [:]
            let efficiency = overview.keyFigures[Metric.parallel.efficiency.id] ?? [:]
            let headers = [
                ("run", false), ("started (UTC)", false), ("status", false), ("verdict", false), ("creation", true),
                ("efficiency", true), ("label", false), ("commit", false),
            ]
            page.table(
                Array(runs.reversed()), cssClass: "runs", headers: headers, card: HTMLBuilder.Card(title: 0, verdict: 3)
            ) { run, table in
                let verdict = verdict(of: run)
                table.element("tr", ["class": verdict.tone]) { row in
                    row.element("td") { $0.element("a", ["href": RunPageLink.fileName(run.id)], text: "run \(run.id)") }
                    row.element("td", text: ReportDate.minute(run.startedAt))
                    row.element("td") { cell in
                        cell.text(run.status.rawValue)
                        if let busy = busyFacts(of: run.id) {
                            cell.text(" ")
                            cell.element(
                                "span", ["class": "badge state-withheld", "title": busy.sentence], text: "⏸ busy host")
                        }
                    }
                    row.element("td") { $0.element("span", ["class": "badge \(verdict.tone)"], text: verdict.text) }
                    row.element(
                        "td", ["class": "num"], text: creation[run.id].map { MetricUnit.seconds.format($0) } ?? "—")
                    row.element(
                        "td", ["class": "num"], text: efficiency[run.id].map { MetricUnit.ratio.format($0) } ?? "—")
                    let names = overview.baselineNames[run.id] ?? []
                    row.element(
                        "td",
                        text: ([run.label].compactMap { $0 } + names.map { "baseline “\($0)”" }).joined(
                            separator: " · "))
                    row.element("td") { $0.element("code", text: String((run.gitCommit ?? "").prefix(12))) }
                }
            }
        }
    }

    /// Whether `run` was measured on a busy host, from the overview's figures.
    func busyFacts(of run: Int64) -> HostLoadFacts? {
        HostLoadFacts(
            busySpecs: overview.keyFigures[Metric.run.busySpecs.id]?[run],
            foreignPercent: overview.keyFigures[Metric.run.foreignCPU.id]?[run],
            ioWaitPercent: overview.keyFigures[Metric.run.ioWait.id]?[run])
    }

    /// The report's trend charts over the last runs, with the change points of the whole history.
    func charts(into page: inout HTMLBuilder) {
        guard let history = overview.history, let newest = history.runs.last else { return }
        let window = HistoryWindow(
            history: history, reportedRunID: newest.id, comparedBaseline: [], reportedAlerts: nil)
        page.element("h2", ["id": "trends"], text: "The last \(ValueFormat.count(history.runs.count, "run"))")
        page.raw(ChartLegend.html)
        let environmentChanges = window.environmentChanges()
        page.element("div", ["class": "charts"]) { grid in
            for key in TrendMetric.keyMetrics {
                let statistic = SummaryStatistic.compared(for: key.metric, preferred: configuration.statistic)
                let trend = window.trend(
                    of: key, statistic: statistic, references: [],
                    changePoints: levelShifts.filter { $0.metric == key.metric })
                grid.element("div", ["class": "chart", "id": "trend-\(key.metric.rawValue)"]) { chart in
                    chart.element("h3", text: key.title)
                    chart.element("p", ["class": "sub"], text: "\(key.metric.rawValue) · \(statistic.rawValue) per run")
                    chart.element("div", ["class": "chart-scroll"]) {
                        $0.raw(TrendChart.render(trend, environmentChanges: environmentChanges))
                    }
                }
            }
        }
    }

    /// `regressions.html`: every change point and every stored alert, newest first.
    package func regressionsPage() -> String {
        SitePage.document(title: "sandbox-bench · regressions and change points", navigation: [SitePage.indexLink]) {
            page in
            page.element("h1", text: "Regressions and change points")
            page.element("h2", ["id": "change-points"], text: "Change points, newest first")
            let settings = configuration.changePoints
            page.element(
                "p", ["class": "meta"],
                text:
                    "Sustained shifts in each key metric's per-run figure over every completed run: E-divisive means in windows of "
                    + "\(settings.window) runs, kept when the t-test between the levels gives p < \(settings.maxPValue), the level moved "
                    + "by more than \(ValueFormat.percentage(settings.minimumMagnitude)) and each level lasts at least "
                    + "\(ValueFormat.count(settings.minimumRuns, "run")).")
            if levelShifts.isEmpty { page.element("p", ["class": "empty"], text: "No change point.") }
            let shiftHeaders = [
                ("run", false), ("started (UTC)", false), ("metric", false), ("before", true), ("after", true),
                ("change", true),
                ("p", true), ("", false),
            ]
            page.table(Array(levelShifts.reversed()), cssClass: "alerts-history", headers: shiftHeaders) {
                shift, table in
                table.element(
                    "tr", ["class": shift.isWorse ? "regression" : "improvement", "data-run": String(shift.runID)]
                ) { row in
                    row.element("td") {
                        $0.element("a", ["href": RunPageLink.fileName(shift.runID)], text: "run \(shift.runID)")
                    }
                    row.element("td", text: ReportDate.minute(shift.startedAt))
                    row.element("td") { $0.element("code", text: shift.metric.rawValue) }
                    row.element("td", ["class": "num"], text: shift.unit.format(shift.beforeMedian))
                    row.element("td", ["class": "num"], text: shift.unit.format(shift.afterMedian))
                    row.element("td", ["class": "num"], text: shift.changeText)
                    row.element("td", ["class": "num"], text: ValueFormat.pValue(shift.pValue))
                    row.element("td", text: shift.isWorse ? "worse" : "better")
                }
            }
            page.element("h2", ["id": "alerts"], text: "Alerts the gate stored, newest first")
            let alerts: [(RunRecord, AlertRecord)] = overview.runs.reversed().flatMap { run in
                (overview.alerts[run.id] ?? []).map { (run, $0) }
            }
            if alerts.isEmpty { page.element("p", ["class": "empty"], text: "No stored alert.") }
            let alertHeaders = [
                ("run", false), ("started (UTC)", false), ("rule", false), ("against", false), ("what happened", false),
            ]
            page.table(alerts, cssClass: "alerts-history", headers: alertHeaders) { item, table in
                let (run, alert) = item
                let expected = RegressionRule.isExpectedAlert(on: alert.metric, cpus: overview.cpus[run.id])
                table.element("tr", ["class": expected ? "expected" : "alert", "data-run": String(run.id)]) { row in
                    row.element("td") { $0.element("a", ["href": RunPageLink.fileName(run.id)], text: "run \(run.id)") }
                    row.element("td", text: ReportDate.minute(run.startedAt))
                    row.element("td", text: alert.rule + (expected ? " (expected on this host)" : ""))
                    row.element("td", text: alert.against)
                    row.element("td", text: alert.message)
                }
            }
        }
    }
}

import BenchModel

/// The key to the trend charts, shown once above them.
enum ChartLegend {
    static func icon(_ shape: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"22\" height=\"14\" viewBox=\"0 0 22 14\">\(shape)</svg>"
    }

    static let html: String = {
        let blue = TrendChart.lineColor
        let items = [
            (
                icon(
                    "<path d=\"M1 7H21\" stroke=\"\(blue)\" stroke-width=\"1.8\"/><circle cx=\"11\" cy=\"7\" r=\"3\" fill=\"\(blue)\"/>"
                ), "median (links to the run)"
            ),
            (
                icon("<rect x=\"1\" y=\"3\" width=\"20\" height=\"8\" fill=\"\(blue)\" fill-opacity=\"0.2\"/>"),
                "middle half of the samples"
            ),
            (
                icon(
                    "<path d=\"M11 1V13\" stroke=\"\(blue)\" stroke-opacity=\"0.35\"/><path d=\"M11 1l-3 5h6z\" fill=\"\(blue)\" fill-opacity=\"0.6\"/>"
                ), "smallest to largest (▲ beyond the axis)"
            ),
            (
                icon("<path d=\"M11 1l6 6l-6 6l-6 -6z\" fill=\"none\" stroke=\"#24292f\" stroke-width=\"1.4\"/>"),
                "baseline run"
            ),
            (icon("<path d=\"M1 7H21\" stroke=\"#6e7781\" stroke-dasharray=\"6 4\"/>"), "baseline figure"),
            (icon("<path d=\"M1 7H21\" stroke=\"\(TrendChart.alertColor)\" stroke-dasharray=\"3 3\"/>"), "alert limit"),
            (icon("<path d=\"M11 12l-5 -9h10z\" fill=\"\(TrendChart.alertColor)\"/>"), "run with alerts"),
            (
                icon(
                    "<circle cx=\"11\" cy=\"7\" r=\"5.5\" fill=\"none\" stroke=\"\(TrendChart.alertColor)\" stroke-width=\"2\"/><circle cx=\"11\" cy=\"7\" r=\"2.8\" fill=\"\(TrendChart.alertColor)\"/>"
                ), "alert on this metric"
            ),
            (
                icon(
                    "<rect x=\"7\" y=\"0\" width=\"8\" height=\"14\" fill=\"\(TrendChart.gapColor)\" fill-opacity=\"0.12\"/><path d=\"M7 3l8 8m0 -8l-8 8\" stroke=\"\(TrendChart.gapColor)\" stroke-width=\"1.8\"/>"
                ), "failed run"
            ),
            (
                icon(
                    "<rect x=\"7\" y=\"0\" width=\"8\" height=\"14\" fill=\"\(TrendChart.abortedColor)\" fill-opacity=\"0.12\"/><path d=\"M8.5 3v8m5 -8v8\" stroke=\"\(TrendChart.abortedColor)\" stroke-width=\"2\"/>"
                ), "aborted run"
            ),
            (
                icon(
                    "<path d=\"M11 0V14\" stroke=\"\(TrendChart.environmentColor)\" stroke-dasharray=\"4 3\" stroke-width=\"1.3\"/><path d=\"M11 4l4 4l-4 4l-4 -4z\" fill=\"\(TrendChart.environmentColor)\"/>"
                ), "environment changed"
            ),
            (
                icon("<path d=\"M11 0V14\" stroke=\"\(TrendChart.changeColor)\" stroke-width=\"1.5\"/>"),
                "change point (level shift)"
            ),
            (
                icon(
                    "<rect x=\"5\" y=\"0\" width=\"12\" height=\"14\" fill=\"#0969da\" fill-opacity=\"0.08\"/><circle cx=\"11\" cy=\"7\" r=\"4.4\" fill=\"\(blue)\" stroke=\"#24292f\" stroke-width=\"1.5\"/>"
                ), "this run"
            ),
        ]
        return "<p class=\"legend\">" + items.map { "<span>\($0.0) \($0.1)</span>" }.joined()
            + "<span class=\"note\">Runs are spaced evenly in the order they ran; hover for figures, click a point for its run.</span></p>"
    }()

    static func phases(_ history: PhaseHistory) -> String {
        let recorded = Set(history.runs.flatMap { $0.phases.map(\.phase) })
        let items = LifecyclePhase.allCases.filter(recorded.contains).map { phase in
            let color = ReportStyle.phaseColors[phase.rawValue] ?? "#888"
            return
                "<span><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"\(color)\"/></svg> \(phase.rawValue)</span>"
        }
        return "<p class=\"legend\">" + items.joined() + "</p>"
    }
}

import BenchModel
import BenchWorkflow
import Foundation
import Regression
import ResultsStore
import StoreTestSupport
import Testing

@testable import Reporting

@Suite struct ReportBuilderTests {
    @Test func summariesChecksAndFailuresAreTheStoredOnes() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        #expect(report.summaries == (try await runs.database.summaries(run: runs.regressed)))
        #expect(report.checks == (try await runs.database.checks(run: runs.regressed)))
        #expect(report.failures == (try await runs.database.failures(run: runs.regressed)))
        #expect(report.notes == (try await runs.database.notes(run: runs.regressed)))
        #expect(report.storedAlerts == (try await runs.database.alerts(run: runs.regressed)))
        #expect(report.run == (try await runs.database.run(runs.regressed)))
        #expect(
            report.environmentDifferences.map { [$0.field, $0.baseline, $0.current] } == [
                ["runc version", "1.1.5", "1.1.12"]
            ])
    }

    @Test func regressedRunLeadsWithTheRuleSentence() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let comparison = try #require(report.comparison)
        #expect(report.verdict.status == .alert)
        #expect(report.verdict.alerts == comparison.alerts.map(\.message))
        #expect(report.verdict.alerts.count == 1)
        #expect(report.verdict.alerts[0].contains("creation time (creation.create_start_s)"))
        #expect(
            report.verdict.headline
                == "Run \(runs.regressed) raised 1 alert against baseline \"default\" (run \(runs.baseline)).")
        #expect(
            report.baseline
                == ReportBaseline(
                    label: "baseline \"default\" (run \(runs.baseline))", name: "default", runIDs: [runs.baseline]))
        let creation = try #require(comparison.comparison(of: .creationTime))
        #expect(
            creation.current
                == Statistics.median(
                    try await runs.database.samples(run: runs.regressed, metric: .creationTime).map(\.sample.value)))
    }

    @Test func failedAndAbortedRunsAreReportedWithoutAComparison() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let failed = try await runs.report(runs.failed)
        #expect(failed.verdict.status == .failed)
        #expect(failed.verdict.headline == "Run \(runs.failed) failed: The engine <dockerd> stopped answering.")
        #expect(failed.comparison == nil)
        #expect(failed.summaries.map(\.metric) == [.creationTime])
        // Its baseline is still resolved, for the charts and the environment.
        #expect(failed.baseline?.runIDs == [runs.baseline])
        let aborted = try await runs.report(runs.aborted)
        #expect(aborted.verdict.status == .aborted)
        #expect(aborted.verdict.headline == "Run \(runs.aborted) was aborted: Interrupted by SIGTERM.")
    }

    @Test func trendPointsAreTheStoredFiguresOfEveryRunInTheWindow() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        #expect(report.trends.map(\.metric) == TrendMetric.keyMetrics.map(\.metric))
        let creation = try #require(report.trend(of: .creationTime))
        #expect(creation.points.map(\.runID) == runs.ids)
        for point in creation.points {
            let summary = try #require(
                try await runs.database.summaries(run: point.runID).first { $0.metric == .creationTime })
            #expect(point.value == summary.median)
            #expect(point.low == summary.min)
            #expect(point.high == summary.max)
            #expect(point.sampleCount == summary.n)
        }
        // Failed and aborted runs measured creation, but are not plotted: they are gaps.
        #expect(creation.plotted.map(\.runID) == [runs.ids[0], runs.ids[1], runs.labelled, runs.regressed])
        #expect(creation.points.filter { !$0.isPlotted }.map(\.status) == [.failed, .aborted])
        let efficiency = try #require(report.trend(of: .parallelEfficiency))
        #expect(efficiency.points.first { $0.runID == runs.failed }?.value == nil)
    }

    @Test func countTrendsShowTheTotalPerRun() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let trend = try #require(try await runs.report(runs.regressed).trend(of: .cleanupFailures))
        #expect(trend.statistic == .total)
        #expect(trend.points.first { $0.runID == runs.labelled }?.value == 2)
        #expect(trend.points.first { $0.runID == runs.baseline }?.value == 0)
        #expect(trend.points.allSatisfy { $0.low == nil && $0.high == nil })
        #expect(trend.references.contains(TrendReference(kind: .alertLimit, value: 0, label: "alert above 0")))
    }

    @Test func baselinesAndAlertsAreMarked() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        let creation = try #require(report.trend(of: .creationTime))
        let baseline = try #require(creation.points.first { $0.runID == runs.baseline })
        #expect(baseline.isComparedBaseline)
        #expect(baseline.baselineNames == ["default"])
        #expect(creation.points.filter(\.isBaseline).map(\.runID) == [runs.baseline])
        #expect(creation.points.filter { $0.alertCount > 0 }.map(\.runID) == [runs.labelled, runs.regressed])
        #expect(creation.points.filter { $0.metricAlertCount > 0 }.map(\.runID) == [runs.regressed])
        let cleanup = try #require(report.trend(of: .cleanupFailures))
        #expect(cleanup.points.filter { $0.metricAlertCount > 0 }.map(\.runID) == [runs.labelled])
        #expect(creation.points.filter(\.isReportedRun).map(\.runID) == [runs.regressed])
        let baselineFigure = try #require(report.comparison?.comparison(of: .creationTime)?.baseline)
        #expect(creation.references.contains { $0.kind == .baseline && $0.value == baselineFigure })
        #expect(creation.references.contains { $0.kind == .alertLimit && abs($0.value - baselineFigure * 1.2) < 1e-12 })
    }

    @Test func phaseMediansComeFromTheSamplesPhases() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed)
        #expect(report.phases.runs.map(\.runID) == runs.ids)
        for run in report.phases.runs {
            let timings = try await runs.database.samples(run: run.runID, metric: .creationTime).compactMap(
                \.sample.phases)
            #expect(run.sampleCount == timings.count)
            #expect(run.phases.map(\.phase) == LifecyclePhase.allCases)
            for median in run.phases {
                #expect(median.seconds == Statistics.median(timings.compactMap { $0[median.phase] }))
            }
        }
        #expect(report.phases.runs.filter(\.isPlotted).count == 4)
    }

    @Test func theWindowEndsWithTheReportedRunAndHoldsTheLastNRuns() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let older = try await runs.report(runs.labelled, history: 3)
        let trend = try #require(older.trend(of: .creationTime))
        #expect(trend.points.map(\.runID) == [runs.ids[1], runs.failed, runs.labelled])
        #expect(older.phases.runs.map(\.runID) == trend.points.map(\.runID))
        // The stored alert of the older run shows, and the newer run's does not.
        #expect(trend.points.map(\.alertCount) == [0, 0, 1])
    }

    @Test func anExplicitBaselineIsUsedAndAnUnknownOneRefused() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let report = try await runs.report(runs.regressed, baseline: String(runs.ids[1]))
        #expect(report.baseline?.runIDs == [runs.ids[1]])
        await #expect(throws: StoreError.unknownBaseline(name: "nope", testbed: Testbed.defaultName)) {
            try await runs.report(runs.regressed, baseline: "nope")
        }
    }

    @Test func theGatesStandingAlertsReplaceTheComparisons() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let regressed = runs.regressed
        let comparison = try await runs.database.read { reader in
            try StoredComparison.load(
                reader, candidate: try reader.run(regressed), requested: nil, window: nil,
                configuration: StoredRuns.configuration)
        }
        let decision = GateDecision(
            configuration: StoredRuns.configuration, baseline: comparison.baseline?.reference ?? .none,
            outcomes: comparison.result.outcomes)
        let gated = RegressionGate.Outcome(
            comparison: comparison, alerts: [], dismissed: comparison.result.alerts, confirmationRunIDs: [],
            decision: decision)
        let report = try await ReportLoader(store: runs.database, configuration: StoredRuns.configuration).report(
            gated: gated)
        #expect(report.verdict.status == .clean)
        #expect(
            report.verdict.details.first
                == "1 alert did not reproduce when the gate re-ran the specs, so it no longer stands.")
        #expect(report.trend(of: .creationTime)?.points.last?.alertCount == 0)
    }
}

import BenchModel
import Foundation

/// A baseline run in one self-describing, versioned JSON file: what `baseline export` writes,
/// `baseline import` stores and `--baseline-file` compares with, so that a CI runner with an
/// empty database gates against last night's run. Built on ``PortableRun``: the run with its
/// UUID, testbed, configuration (profile and plan), environment, every spec with its raw samples,
/// and its decisions; plus the summaries for people and scripts that read the file. The shape is
/// documented in docs/regression.md.
package struct BaselineFile: Sendable, Hashable {
    /// The `format` every baseline file names.
    package static let formatName = "sandbox-bench.baseline"
    /// Raised when a field changes meaning or disappears; a new field keeps the version, and a
    /// reader ignores fields it does not know.
    package static let currentFormatVersion = 1
    /// How far a file's times may be ahead of this host's clock: two hosts' clocks, each kept by
    /// NTP, differ by far less; a file dated later was not written by a run that happened.
    package static let clockSkew: TimeInterval = 300

    package var formatVersion: Int
    package var exportedAt: Date
    /// The sandbox-bench that wrote the file.
    package var toolVersion: String
    /// The baseline's name where it was exported, when it was exported by name.
    package var name: String?
    package var run: PortableRun
    /// The summary of every metric, as the exporting store kept it.
    package var summaries: [MetricSummary]

    package init(
        name: String?, run: PortableRun, summaries: [MetricSummary], exportedAt: Date = Date(),
        toolVersion: String = ToolVersion.current
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.exportedAt = exportedAt
        self.toolVersion = toolVersion
        self.name = name
        self.run = run
        self.summaries = summaries
    }

    /// How a comparison names the file's run: `file nightly.json (run 41 of ci-nightly)`.
    package func label(fileName: String) -> String {
        let named = name.map { "baseline \"\($0)\", " } ?? ""
        return "file \(fileName) (\(named)run \(run.run.id) of \(run.run.testbed))"
    }
}

extension ResultsReader {
    /// The baseline file of a stored run; `name` is the baseline's name, when it was asked for by name.
    package func baselineFile(run runID: Int64, name: String?, exportedAt: Date = Date()) throws -> BaselineFile {
        let portable = try portableRun(runID)
        guard portable.run.status == .completed else {
            throw StoreError.baselineNeedsCompletedRun(id: runID, status: portable.run.status)
        }
        return BaselineFile(name: name, run: portable, summaries: try summaries(run: runID), exportedAt: exportedAt)
    }
}

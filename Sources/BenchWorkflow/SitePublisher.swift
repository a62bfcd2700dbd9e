import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

/// Writes the history site (`report --site DIR`) from one snapshot of the store: the index
/// and the regressions page every time, a run's page only when what it shows changed.
package struct SitePublisher: Sendable {
    package var store: any ResultsStore
    package var configuration: RegressionConfiguration
    /// Runs in the index's charts.
    package var historyLength: Int
    /// The testbed whose history the site shows; nil when the store holds one testbed's runs only.
    package var testbed: String?

    package init(
        store: any ResultsStore, configuration: RegressionConfiguration,
        historyLength: Int = ReportBuilder.defaultHistoryLength,
        testbed: String? = nil
    ) {
        self.store = store
        self.configuration = configuration
        self.historyLength = max(1, historyLength)
        self.testbed = testbed
    }

    package struct Outcome: Sendable {
        /// Every run page the site holds.
        package var runPages: Int
        /// The files written this time, run pages among them.
        package var written: [String]
    }

    package func publish(into directory: String, generatedAt: Date = Date()) async throws -> Outcome {
        let writer = SiteWriter(directory: directory)
        let manifest = writer.manifest()
        let (configuration, historyLength, testbed) = (self.configuration, self.historyLength, self.testbed)
        let (site, stale, fingerprints) = try await store.read { reader in
            // One history per site: a fleet's testbeds do not share levels, change points or charts.
            if testbed == nil, case let testbeds = try reader.testbeds(), testbeds.count > 1 {
                throw ComparisonInputError.testbedNeeded(testbeds)
            }
            let overview = try SiteOverview.read(
                reader, testbed: testbed, historyLength: historyLength, statistic: configuration.statistic)
            let site = HistorySite(overview: overview, configuration: configuration, generatedAt: generatedAt)
            var fingerprints: [String: String] = [:]
            var stale: [RunPageInputs] = []
            for (index, run) in overview.runs.enumerated() {
                let name = RunPageLink.fileName(run.id)
                let fingerprint = site.fingerprint(ofRunAt: index)
                fingerprints[name] = fingerprint
                guard writer.isStale(name, fingerprint: fingerprint, manifest: manifest) else { continue }
                stale.append(
                    try RunPageInputs.read(reader, run: run, previous: index > 0 ? overview.runs[index - 1] : nil))
            }
            return (site, stale, fingerprints)
        }
        var pages = await Self.render(stale, site: site)
        pages["index.html"] = site.indexPage()
        pages["regressions.html"] = site.regressionsPage()
        let written = try writer.write(pages: pages, fingerprints: fingerprints, previous: manifest)
        return Outcome(runPages: fingerprints.count, written: written)
    }

    /// Renders the run pages on every core: rendering, not reading, is most of a whole site's time.
    static func render(_ inputs: [RunPageInputs], site: HistorySite) async -> [String: String] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, (inputs.count + cores - 1) / cores)
        return await withTaskGroup(of: [String: String].self) { group in
            for start in stride(from: 0, to: inputs.count, by: chunk) {
                let slice = Array(inputs[start..<min(start + chunk, inputs.count)])
                group.addTask {
                    Dictionary(uniqueKeysWithValues: slice.map { (RunPageLink.fileName($0.run.id), site.runPage($0)) })
                }
            }
            var pages: [String: String] = [:]
            for await part in group { pages.merge(part) { first, _ in first } }
            return pages
        }
    }
}

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
    /// The folder of the runs' reports (`run --out`), which run pages link to where a report is there.
    package var reportsDirectory: String?

    package init(
        store: any ResultsStore, configuration: RegressionConfiguration,
        historyLength: Int = ReportBuilder.defaultHistoryLength,
        testbed: String? = nil, reportsDirectory: String? = nil
    ) {
        self.reportsDirectory = reportsDirectory
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
        let reportLinks = reportsDirectory.map { Self.reportLinks(in: $0, from: directory) } ?? [:]
        let (site, stale, fingerprints) = try await store.read { reader in
            // One history per site: a fleet's testbeds do not share levels, change points or charts.
            if testbed == nil, case let testbeds = try reader.testbeds(), testbeds.count > 1 {
                throw ComparisonInputError.testbedNeeded(testbeds)
            }
            let overview = try SiteOverview.read(
                reader, testbed: testbed, historyLength: historyLength, statistic: configuration.statistic)
            var site = HistorySite(overview: overview, configuration: configuration, generatedAt: generatedAt)
            site.reportLinks = reportLinks
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

    /// The HTML report of each run in `reports`, as a link relative to the site's folder `site`:
    /// only files that are there (`run-42.html`), so that no link of a run page leads nowhere.
    static func reportLinks(in reports: String, from site: String) -> [Int64: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []
        let prefix = relativePath(from: site, to: reports)
        var links: [Int64: String] = [:]
        for name in names where name.hasPrefix("run-") && name.hasSuffix(".html") {
            guard let id = Int64(name.dropFirst("run-".count).dropLast(".html".count)), id > 0,
                ReportWriter.fileName(runID: id, format: .html) == name
            else { continue }
            links[id] = prefix.isEmpty ? name : prefix + "/" + name
        }
        return links
    }

    /// `to` as a relative path from the folder `from` ("../Reports"), both taken from the current folder.
    static func relativePath(from: String, to: String) -> String {
        let base = URL(fileURLWithPath: from).standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: to).standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(base.count, target.count), base[shared] == target[shared] { shared += 1 }
        let parts = Array(repeating: "..", count: base.count - shared) + target[shared...]
        return parts.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }
            .joined(separator: "/")
    }
}

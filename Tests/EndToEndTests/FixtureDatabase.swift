import BenchModel
import Foundation
import ResultsStore
import SQLiteStore

/// A small results database written through the store, for commands that read: two completed
/// runs with creation and efficiency samples, a failed one, a baseline, and a label and a
/// baseline name holding control characters (which are stored as given and shown escaped).
enum FixtureDatabase {
    static let hostileLabel = "nightly\u{1B}[31mRED\u{07}\nsecond line"
    static let hostileBaseline = "ref\u{1B}]0;title\u{07}"

    @discardableResult
    static func write(at path: String) async throws -> [Int64] {
        let store = try await SQLiteResultsStore.open(path: path)
        var ids: [Int64] = []
        for (index, creation) in [0.40, 0.41, 0.55].enumerated() {
            let id = try await store.beginRun(NewRun(suite: "quick", label: index == 1 ? hostileLabel : "nightly"))
            let creationSamples = (0..<5).map { iteration in
                Sample(metric: .creationTime, iteration: iteration, value: creation + Double(iteration) * 0.001)
            }
            let parallelSamples = (0..<5).map { Sample(metric: .parallelEfficiency, iteration: $0, value: 0.35) }
            try await store.recordSpec(
                SpecResult(spec: "creation", samples: creationSamples, notes: ["note \u{1B}[2J"]), for: id)
            try await store.recordSpec(SpecResult(spec: "parallel", samples: parallelSamples), for: id)
            try await store.finishRun(
                id, status: index == 2 ? .failed : .completed, reason: index == 2 ? "test failure" : nil)
            ids.append(id)
        }
        try await store.setBaseline(name: "default", run: ids[0])
        try await store.setBaseline(name: hostileBaseline, run: ids[1], note: "note\u{1B}[1m")
        await store.close()
        return ids
    }
}

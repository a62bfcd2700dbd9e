import Foundation
import ResultsStore

/// `store-benchmark fill`: writes runs one after the other, as a nightly job would but without
/// pauses, and prints a line after each finished run. The crash and concurrency tests start it
/// as a separate process and kill it, or run two of them at once.
enum FillMode {
    static func run(path: String, runs: Int?) throws {
        let database = try ResultsDatabase(path: path)
        let writer = SyntheticRunWriter(database: database)
        var day = 0
        while runs.map({ day < $0 }) ?? true {
            let stored = try writer.store(day: day, startedAt: Date())
            // Printed only after finishRun committed: a test may rely on every listed run being complete.
            FileHandle.standardOutput.write(Data("finished \(stored.id) \(stored.status.rawValue) samples=\(stored.sampleCount)\n".utf8))
            day += 1
        }
    }
}

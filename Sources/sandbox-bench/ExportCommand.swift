import ArgumentParser
import BenchModel
import Foundation
import Reporting
import ResultsStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write runs with every raw sample to stdout as JSON or CSV.",
        discussion: """
            Choose the runs with --run ID, with --from ID --to ID (both included), or with \
            --since DATE (YYYY-MM-DD or an ISO 8601 time, UTC). JSON holds everything stored \
            about each run; CSV has one line per raw sample with its run, spec, metric, unit \
            and lifecycle phases. Exits 2 for an unknown run or an invalid selection.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case csv
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The output format: json or csv.")
    var format: Format = .json

    @Option(parsing: .unconditional, help: ArgumentHelp("Export this run.", valueName: "id"), transform: RunID.parse)
    var run: Int64?

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Export the runs from this id on (with --to).", valueName: "id"),
        transform: RunID.parse)
    var from: Int64?

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Export the runs up to this id (with --from).", valueName: "id"),
        transform: RunID.parse)
    var to: Int64?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Export the runs started at or after this date (YYYY-MM-DD or ISO 8601, UTC).", valueName: "date"),
        transform: ExportCommand.parseDate)
    var since: Date?

    func validate() throws {
        let chosen = [run != nil, from != nil || to != nil, since != nil].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError("Choose the runs with exactly one of --run ID, --from ID --to ID, or --since DATE.")
        }
        if from != nil || to != nil {
            guard let from, let to else { throw ValidationError("--from and --to go together: give both ids.") }
            guard from <= to else {
                throw ValidationError("--from \(from) is greater than --to \(to); give the lower id first.")
            }
        }
    }

    var selection: RunSelection {
        if let run { return .run(run) }
        if let from, let to { return .range(from: from, to: to) }
        return .since(since ?? .distantPast)
    }

    /// Runs read and written at a time in CSV: a year of runs is a few hundred megabytes of
    /// text, which is written as it is read rather than held whole.
    static let csvBatch = 50

    func run() async throws {
        try await database.withStore(.readOnly) { store in
            let selection = self.selection
            switch format {
            case .json:
                // One read: the document is one snapshot of the runs it holds.
                let details = try await store.read { reader in
                    try selection.runs(in: reader).map { try reader.detail(run: $0.id) }
                }
                CommandOutput.data(try CommandOutput.json(details))
            case .csv:
                let ids = try await store.read { reader in try selection.runs(in: reader).map(\.id) }
                CommandOutput.data(SampleCSV.headerLine, terminator: "", csv: true)
                for start in stride(from: 0, to: ids.count, by: Self.csvBatch) {
                    let batch = Array(ids[start..<min(start + Self.csvBatch, ids.count)])
                    let details = try await store.read { reader in try batch.map { try reader.detail(run: $0) } }
                    CommandOutput.data(SampleCSV.rows(details), terminator: "", csv: true)
                }
            }
        }
    }

    static func parseDate(_ text: String) throws -> Date {
        guard let date = ISO8601Date.parse(text) else {
            throw ValidationError(
                "not a date; write it as YYYY-MM-DD or as an ISO 8601 time such as 2025-03-01T02:00:00Z.")
        }
        return date
    }
}

/// Which runs an export covers.
enum RunSelection: Sendable, Hashable {
    case run(Int64)
    /// Every run whose id lies in the range, both ends included.
    case range(from: Int64, to: Int64)
    /// Every run started at or after the date.
    case since(Date)

    /// The runs chosen, oldest first.
    func runs(in reader: any ResultsReader) throws -> [RunRecord] {
        switch self {
        case .run(let id): [try reader.run(id)]
        case .range(let from, let to): try reader.runs(RunQuery(ids: from...to, order: .oldestFirst))
        case .since(let date): try reader.runs(RunQuery(since: date, order: .oldestFirst))
        }
    }
}

import ArgumentParser
import Foundation

/// `report-benchmark demo`: writes a new database of nightly runs to look at a report with.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a new database of demo nights to look at a report with.",
        discussion: """
            Most nights complete; one fails, one is aborted, one regresses (its containers start about \
            45 % slower) and is gated, so its alert is stored; containers start 0.4 % slower every night \
            (a creep the change points find). A baseline `default` points at an early run, runc is \
            upgraded near the end, and a label, a note and a container's output carry \
            markup that a report must escape. Every completed night is gated with a parallel-efficiency \
            floor of 0.25 (a 2-core host's), and its report shows that stored decision.
            """
    )

    @Option(
        name: .customLong("db"), help: ArgumentHelp("The database to write; must not exist yet.", valueName: "path"))
    var databasePath: String

    @Option(help: ArgumentHelp("How many nightly runs to write.", valueName: "n"))
    var runs = 30

    func validate() throws {
        if databasePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path, not an empty string.")
        }
        if FileManager.default.fileExists(atPath: databasePath) {
            throw ValidationError("\(databasePath) already exists; the demo writes a new database.")
        }
        if runs < 2 { throw ValidationError("--runs takes a whole number ≥ 2, not \(runs).") }
    }

    func run() async throws {
        try await DemoHistory.write(path: databasePath, runs: runs)
        print(
            "Wrote \(runs) runs to \(databasePath), each gated with a parallel-efficiency floor of 0.25 (a 2-core host's)."
        )
    }
}

import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import Regression
import ResultsStore

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy runs from one results database to another (SQLite or PostgreSQL, either way).",
        discussion: """
            Copies every finished run of SRC (or those started since --since, of --testbed) into \
            DST with everything stored for it — samples, environment, decisions with the baseline \
            files they compared with, alerts — and the baselines that point to the copied runs. A \
            run is known by its UUID: a run DST holds already is not copied again, but the \
            decisions made since (a later gate) are added to it, and said ("1 later decision of \
            run 4"); copying again, or back, writes nothing twice. When DST holds decisions of a \
            run that SRC does not (it was gated there too), that run's decisions are left as they \
            are, everything else is copied, and the command names the run and exits 2: delete the \
            run from DST (`runs delete`) and copy again to take SRC's decisions, or keep DST's. Runs \
            still running are skipped. DST is created when it is an SQLite file that does not \
            exist; a PostgreSQL database must exist. Use it to bring a host's history into the \
            fleet database, or to take the fleet's history into a file for offline analysis.
            """
    )

    @Option(
        help: ArgumentHelp("The database to copy from: an SQLite file or a postgresql:// URL.", valueName: "path|url"))
    var from: String

    @Option(
        help: ArgumentHelp("The database to copy into: an SQLite file or a postgresql:// URL.", valueName: "path|url"))
    var to: String

    @Option(
        help: ArgumentHelp(
            "Only runs started on or after this UTC date or time (2025-03-01 or 2025-03-01T02:00:00Z).",
            valueName: "date"))
    var since: String?

    @OptionGroup var testbed: TestbedFilterOption

    @Flag(help: "Print what was copied as JSON.")
    var json = false

    @Flag(
        name: .customLong("migrate"),
        help: ArgumentHelp(
            "Upgrade a PostgreSQL database (SRC or DST) whose schema is older than this binary's; "
                + "without it, such a database is refused (exit 3)."))
    var upgradeSchema = false

    func validate() throws {
        guard !from.trimmingCharacters(in: .whitespaces).isEmpty, !to.trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw ValidationError("--from and --to need a file path or a postgresql:// URL.")
        }
        try DatabaseOptions.refuseMisspeltURL(StoreLocation.named(from), option: "--from")
        try DatabaseOptions.refuseMisspeltURL(StoreLocation.named(to), option: "--to")
        if let since, ISO8601Date.parse(since) == nil {
            throw ValidationError(
                "--since takes a UTC date (2025-03-01) or time (2025-03-01T02:00:00Z), not \"\(TerminalSafe.inline(since))\"."
            )
        }
        let sameFile: Bool
        if case .sqlite(let source) = StoreLocation.named(from), case .sqlite(let target) = StoreLocation.named(to) {
            sameFile = OutputPreflight.sameFile(source, target)
        } else {
            sameFile = StoreLocation.named(from) == StoreLocation.named(to)
        }
        guard !sameFile else { throw ValidationError("--from and --to name the same database; copy into another one.") }
    }

    func run() async throws {
        let source = StoreLocation.named(from)
        let target = StoreLocation.named(to)
        let outcome = try await source.withStore(.readOnly, namedBy: "--from", upgrade: upgradeSchema) { source in
            if let wanted = testbed.testbed {
                let testbeds = try await source.read { try $0.testbeds() }
                guard testbeds.contains(wanted) else {
                    throw ValidationError(
                        "--testbed: \(TerminalSafe.inline(source.displayName)) has no runs of the testbed \(TerminalSafe.inline(wanted)); its testbeds: "
                            + (testbeds.isEmpty ? "none" : testbeds.map(TerminalSafe.inline).joined(separator: ", "))
                            + ".")
                }
            }
            return try await target.withStore(.createIfMissing, namedBy: "--to", upgrade: upgradeSchema) { target in
                try await StoreCopy(from: source, to: target).copy(
                    since: since.flatMap { ISO8601Date.parse($0) }, testbed: testbed.testbed)
            }
        }
        if json {
            CommandOutput.data(try CommandOutput.json(outcome))
        } else {
            Self.show(outcome, from: source, to: target)
        }
        // Runs whose decisions diverged are named last, as the error that sets the exit code.
        if !outcome.diverged.isEmpty { throw StoreCopy.Diverged(runs: outcome.diverged) }
    }

    static func show(_ outcome: StoreCopy.Outcome, from source: StoreLocation, to target: StoreLocation) {
        var line =
            "Copied \(outcome.copied) run\(outcome.copied == 1 ? "" : "s") from \(TerminalSafe.inline(source.description)) to \(TerminalSafe.inline(target.description))"
        var notes: [String] = []
        if outcome.alreadyPresent > 0 { notes.append("\(outcome.alreadyPresent) already there") }
        if outcome.skippedRunning > 0 { notes.append("\(outcome.skippedRunning) still running, skipped") }
        if outcome.baselinesCopied > 0 {
            notes.append("\(outcome.baselinesCopied) baseline\(outcome.baselinesCopied == 1 ? "" : "s") set")
        }
        if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ")" }
        // Decisions made since a run was first copied: "1 later decision of run 4".
        let later = outcome.laterDecisions.map {
            "\(ValueFormat.count($0.count, "later decision")) of run \($0.targetRunID)"
                + " (the latest \($0.latestVerdict.rawValue))"
        }
        if !later.isEmpty { line += "; added " + later.joined(separator: ", ") }
        CommandOutput.show(line + ".")
        for kept in outcome.baselinesKept {
            CommandOutput.show(
                "The baseline \(TerminalSafe.inline(kept)) already points at another run in the target; it was left as it is."
            )
        }
    }
}

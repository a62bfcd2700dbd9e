import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import ResultsStore

/// `sandbox-bench migrate`: the one explicit upgrade of a results database's schema, which a
/// fleet's operator runs once (a run never upgrades a shared PostgreSQL database by surprise).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the results database's schema up to this binary's version.",
        discussion: """
            Applies every migration the database lacks, each in its own transaction, and says \
            which. With --dry-run, prints the statements it would run, in order, and changes \
            nothing. A database at a newer schema version that this binary can still use (a newer \
            minor version of its major one) is left as it is. Exits 0 when the schema is (or now \
            is) usable; 2 when the database named with --db or SANDBOX_BENCH_DB does not exist or \
            the URL is malformed; 3 when it cannot be reached or read, holds another program's \
            tables or a schema this binary cannot use.
            """
    )

    @OptionGroup var database: DatabaseLocationOption

    @Flag(help: "Change nothing: print the statements that would run, in order.")
    var dryRun = false

    func run() async throws {
        let location = database.location
        let status: SchemaStatus
        do {
            status = try await location.schemaStatus()
        } catch StoreError.noDatabase(let store) where database.namedBy != nil {
            throw StoreError.namedDatabaseMissing(store: store, namedBy: database.namedBy ?? "--db")
        }
        let name = TerminalSafe.inline(status.store)
        if status.version >= status.latestVersion {
            let newer =
                status.version > status.latestVersion
                ? ", newer than this binary's \(status.latestVersion) and compatible with it"
                    + (status.compatibleFrom.map { " (binaries of schema version \($0) or later use it)" } ?? "")
                : ", this binary's"
            CommandOutput.show("\(name) is at schema version \(status.version)\(newer): nothing to migrate.")
            return
        }
        let from = status.version == 0 ? "an empty database" : "schema version \(status.version)"
        if dryRun {
            CommandOutput.show(
                "-- \(name): \(from) → \(status.latestVersion); \(status.pending.count) "
                    + "migration\(status.pending.count == 1 ? "" : "s"), each in its own transaction "
                    + "(nothing was changed):")
            for step in status.pending {
                CommandOutput.show("\n-- \(step.name) (schema version \(step.version))")
                for statement in step.statements {
                    CommandOutput.show(statement.hasSuffix(";") ? statement : statement + ";")
                }
            }
            return
        }
        let applied = try await location.migrateSchema()
        guard !applied.isEmpty else {
            CommandOutput.show("\(name) was brought up to date meanwhile by another process: nothing to migrate.")
            return
        }
        for step in applied {
            CommandOutput.show("Applied \(step.name) (schema version \(step.version)).")
        }
        CommandOutput.show(
            "\(name): \(from) → schema version \(applied.last?.version ?? status.latestVersion), "
                + "\(applied.count) migration\(applied.count == 1 ? "" : "s") applied.")
    }
}

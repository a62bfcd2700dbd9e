import Foundation
import TestSupport
import Testing

/// The results database taken from under a run, or never there: a run deleted while it measures,
/// the database file deleted while a run writes it, and a database path with a typo.
extension WayToHide {
    static let stores = [liveRunDeleted, databaseDeleted] + missingNamedDatabase

    /// The candidate measured on the baseline's database, logging when its spec starts.
    static let watchedRun = quickRun + ["--log-level", "info"]

    /// `runs delete` of the candidate while it measures, `--force` or not, so that the gate would
    /// find only the baseline: refused, the candidate completes and is gated.
    static let liveRunDeleted = WayToHide(.liveRunDeleted, "runs delete of the candidate while it measures") { scene in
        try scene.startFromTheBaselineAlone()
        let measured = try await scene.measure(watchedRun) { process in
            #expect(await process.waitUntil(.stderr, contains: "spec started spec=creation"))
            for force in [[], ["--force"]] {
                let refused = try await scene.run(["runs", "delete", "2"] + force)
                #expect(refused.exitCode == 2, "\(refused.stdout)\(refused.stderr)")
                #expect(refused.stderr.contains("is still measuring, in the live process"), "\(refused.stderr)")
            }
        }
        #expect(measured.exitCode == 0, "\(measured.stdout)\(measured.stderr)")
        return Ending(try await scene.gate())
    }

    /// The database file (and its journal) deleted while the candidate measures: the run must not
    /// say it completed, and a later gate on that path finds no database rather than no runs.
    static let databaseDeleted = WayToHide(
        .databaseDeleted, "the database file deleted while the candidate is measured",
        refused: .init(2, "which SANDBOX_BENCH_DB names")
    ) { scene in
        try scene.startFromTheBaselineAlone()
        let measured = try await scene.measure(watchedRun) { process in
            #expect(await process.waitUntil(.stderr, contains: "spec started spec=creation"))
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: scene.cli.database + suffix)
            }
        }
        #expect(measured.exitCode == 3, "\(measured.stdout)\(measured.stderr)")
        #expect(
            measured.stderr.contains("was deleted or moved away while run 2 was measuring")
                && measured.stderr.contains("nothing of it is kept at that path"),
            "\(measured.stderr)")
        #expect(!measured.stdout.contains("completed"), "\(measured.stdout)")
        return Ending(try await scene.gate())
    }

    /// A database path with a typo (a cron line, a CI variable): the gate would find "no runs".
    static let missingNamedDatabase: [WayToHide] = [
        WayToHide(
            .missingNamedDatabase, "a gate with --db naming a path with a typo", refused: .init(2, "which --db names")
        ) { scene in
            let typo = scene.file("results.sqlit")
            let refused = try await scene.gate(["2", "--db", typo])
            #expect(!FileManager.default.fileExists(atPath: typo), "nothing created at the typo")
            return Ending(refused)
        },
        WayToHide(
            .missingNamedDatabase, "a gate with SANDBOX_BENCH_DB naming a path with a typo",
            refused: .init(2, "which SANDBOX_BENCH_DB names")
        ) { scene in
            let typo = scene.file("results.sqlit")
            let refused = try await scene.cli.run(
                ["gate"] + MeasuredRuns.limit, environment: ["SANDBOX_BENCH_DB": typo])
            #expect(!FileManager.default.fileExists(atPath: typo), "nothing created at the typo")
            return Ending(refused)
        },
    ]
}

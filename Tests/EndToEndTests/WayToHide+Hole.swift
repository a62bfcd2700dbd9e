import Testing

extension WayToHide {
    /// The classes of hole the table covers: each way in which the verdict could be silently wrong.
    /// Every class has at least one row (``HiddenRegressionTableTests``).
    enum Hole: String, Sendable, CaseIterable {
        case duplicateKeys = "duplicate keys in a profile, configuration or baseline file"
        case missingMetric = "the key metric missing on one side"
        case foreignSchema = "a trigger or view in the database that drops or changes samples"
        case replacedDecision = "a failed decision replaced by a later gate"
        case baselineFileUUID = "gate --baseline-file where the database has a run with the file's UUID"
        case crossTestbed = "a one-off cross-testbed baseline inherited by later gates"
        case latestAborted = "an aborted run taken as the latest"
        case otherTestbedsLatest = "another testbed's newer run taken as the latest in a shared database"
        case copyDropsDecisions = "a later decision left behind by copy"
        case selfBaseline = "a run gated against itself"
        case narrowedSuite = "a suite narrowed with --spec"
        case stoppedProcess = "a sample taken while the tool was stopped"
        case lockPath = "the run lock's path a symbolic link or the database"
        case abEngines = "ab's two sides on two engines"
        case abMaxSamples = "ab --max-samples"
        case brokenStreams = "closed, full or broken stdout and stderr"
        case liveRunDeleted = "runs delete of a run still measuring"
        case databaseDeleted = "the database file deleted during a run"
        case missingNamedDatabase = "a named database that does not exist"
        case csvFormula = "CSV cells a spreadsheet runs as formulas"
        case postgresRestart = "a PostgreSQL restart during a run"
        case contradictoryBaselineFile = "a baseline file whose figures contradict each other"
        case futureBaselineFile = "a baseline file dated in the future"
        case failedRunExported = "a run whose gate failed exported as the latest"
        case hardLinkedOutput = "an output that is a hard link of a file the command reads"
    }

    /// Every row of the table.
    static let table = inputs + files + decisions + measuring + stores + onPostgreSQL
}

/// The table itself, without measuring anything.
@Suite struct HiddenRegressionTableTests {
    @Test func everyClassOfHoleHasARow() {
        let covered = Set(WayToHide.table.map(\.hole))
        #expect(WayToHide.Hole.allCases.filter { !covered.contains($0) } == [])
    }

    @Test func noRowLetsTheSlowCandidatePassAndRowsHaveDistinctNames() {
        #expect(WayToHide.table.filter { $0.slow.exitCode == 0 }.map(\.name) == [])
        #expect(Set(WayToHide.table.map(\.name)).count == WayToHide.table.count)
    }
}

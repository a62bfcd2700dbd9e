import Foundation
import StoreTestSupport
import TestSupport
import Testing

/// Ways to hide a regression from the gate, each against a real slowdown: a run measured on an
/// engine whose runtime sleeps four seconds before every container start (or, for `ab`, a
/// sandbox with a far tighter CPU limit), never a faked number. In every row the slow candidate
/// must not pass — its attempt ends with the row's documented non-zero exit code — and the clean
/// candidate, measured on the unchanged engine, passes (exit 0) unless the attempt itself refuses
/// the input (then its documented code). The runs are measured once for the suite
/// (``MeasuredRuns``) and each row works on copies of their databases, so the table runs in
/// minutes; see ``MeasuredRuns/limit`` for why its gates use +200 %.
@Suite(.enabled(if: DockerRequirement.shouldRun), .serialized, .measuredRuns)
struct HiddenRegressionTests {
    @Test(arguments: WayToHide.inputs + WayToHide.decisions + WayToHide.measuring)
    func aRealSlowdownStillFailsTheGateAndACleanRunPasses(_ way: WayToHide) async throws {
        try await Self.check(way)
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun), arguments: WayToHide.onPostgreSQL)
    func onPostgreSQLARealSlowdownStillFailsTheGateAndACleanRunPasses(_ way: WayToHide) async throws {
        try await Self.check(way)
    }

    static func check(_ way: WayToHide) async throws {
        let runs = try #require(MeasuredRuns.current)
        #expect(way.slowExit != 0, "\(way.name): a way whose slow candidate exits 0 hides the regression")
        for candidate in [HiddenRegressionScene.Candidate.slow, .clean] {
            let scene = try HiddenRegressionScene.make(candidate, runs: runs)
            defer { scene.remove() }
            let ending = try await way.attempt(scene)
            let expected = candidate == .slow ? way.slowExit : way.cleanExit
            #expect(ending.signal == nil, "\(way.name), \(candidate) candidate: ended by signal \(ending.signal ?? 0)")
            let exit = ending.exitCode.map(String.init) ?? "-"
            let output = ending.output.suffix(3000)
            #expect(ending.exitCode == expected, "\(way.name), \(candidate) candidate: exit \(exit): \(output)")
        }
    }
}

/// One way to hide a regression: what it does with a candidate's database (and the engine) and
/// the exit code its last command must end with for each candidate.
struct WayToHide: Sendable, CustomTestStringConvertible {
    let name: String
    /// The documented exit code for the slow candidate: never 0.
    let slowExit: Int32
    /// The documented exit code for the clean candidate: 0, unless the attempt refuses the input.
    let cleanExit: Int32
    let attempt: @Sendable (HiddenRegressionScene) async throws -> Ending

    init(
        _ name: String, slow slowExit: Int32 = 1, clean cleanExit: Int32 = 0,
        _ attempt: @escaping @Sendable (HiddenRegressionScene) async throws -> Ending
    ) {
        self.name = name
        self.slowExit = slowExit
        self.cleanExit = cleanExit
        self.attempt = attempt
    }

    var testDescription: String { name }

    /// How the attempt's last command ended.
    struct Ending: Sendable {
        let exitCode: Int32?
        let signal: Int32?
        let output: String

        init(_ outcome: ExecutableFile.Outcome) {
            (exitCode, signal, output) = (outcome.exitCode, outcome.signal, outcome.stdout + outcome.stderr)
        }

        init(_ ending: ExecutableFile.Ending) {
            (exitCode, signal, output) = (ending.exitCode, ending.signal, "")
        }
    }
}

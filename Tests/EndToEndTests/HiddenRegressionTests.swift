import Foundation
import StoreTestSupport
import TestSupport
import Testing

/// Ways to hide a regression from the gate, each against a real slowdown: a run measured on an
/// engine whose runtime sleeps before every container start, for longer than the limit allows (or, for `ab`, a
/// sandbox with a far tighter CPU limit), never a faked number. In every row the slow candidate
/// must not pass — its attempt ends with the row's documented non-zero exit code — and the clean
/// candidate, measured on the unchanged engine, passes (exit 0) unless the attempt itself refuses
/// the input (then its documented code). The runs are measured once for the suite
/// (``MeasuredRuns``) and each row works on copies of their databases, so the table runs in
/// minutes; see ``MeasuredRuns/limit`` for why its gates use +200 % (+100 % where `ab` interleaves A
/// and B on one engine: ``MeasuredRuns/interleavedLimit``).
@Suite(.needsDockerEngine, .serialized, .measuredRuns)
struct HiddenRegressionTests {
    @Test(
        arguments: WayToHide.inputs + WayToHide.files + WayToHide.decisions + WayToHide.measuring + WayToHide.stores)
    func aRealSlowdownStillFailsTheGateAndACleanRunPasses(_ way: WayToHide) async throws {
        try await Self.check(way)
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun), arguments: WayToHide.onPostgreSQL)
    func onPostgreSQLARealSlowdownStillFailsTheGateAndACleanRunPasses(_ way: WayToHide) async throws {
        try await Self.check(way)
    }

    static func check(_ way: WayToHide) async throws {
        let runs = try #require(MeasuredRuns.current)
        #expect(way.slow.exitCode != 0, "\(way.name): a way whose slow candidate exits 0 hides the regression")
        for candidate in [HiddenRegressionScene.Candidate.slow, .clean] {
            let scene = try HiddenRegressionScene.make(candidate, runs: runs)
            defer { scene.remove() }
            let ending = try await way.attempt(scene)
            let expected = candidate == .slow ? way.slow : way.clean
            let what = "\(way.testDescription), \(candidate) candidate"
            #expect(ending.signal == nil, "\(what): ended by signal \(ending.signal ?? 0)")
            let exit = ending.exitCode.map(String.init) ?? "-"
            let output = ending.output.suffix(3000)
            #expect(ending.exitCode == expected.exitCode, "\(what): exit \(exit): \(output)")
            #expect(ending.output.contains(expected.says), "\(what): no \"\(expected.says)\" in: \(output)")
        }
    }
}

/// One way to hide a regression: the class of hole it tries (``Hole``), what it does with a
/// candidate's database (and the engine), and how its last command must end for each candidate.
struct WayToHide: Sendable, CustomTestStringConvertible {
    let hole: Hole
    /// The hiding attempt.
    let name: String
    /// How the slow candidate's attempt ends: never exit 0.
    let slow: Expected
    /// How the clean candidate's attempt ends: a pass, unless the attempt itself refuses the input.
    let clean: Expected
    let attempt: @Sendable (HiddenRegressionScene) async throws -> Ending

    init(
        _ hole: Hole, _ name: String, slow: Expected = .alert, clean: Expected = .pass,
        _ attempt: @escaping @Sendable (HiddenRegressionScene) async throws -> Ending
    ) {
        self.hole = hole
        self.name = name
        self.slow = slow
        self.clean = clean
        self.attempt = attempt
    }

    /// A row whose attempt is refused the same way for either candidate.
    init(
        _ hole: Hole, _ name: String, refused: Expected,
        _ attempt: @escaping @Sendable (HiddenRegressionScene) async throws -> Ending
    ) {
        self.init(hole, name, slow: refused, clean: refused, attempt)
    }

    var testDescription: String { "\(hole.rawValue): \(name)" }

    /// The exit code the attempt's last command ends with, and a fragment of what it says.
    struct Expected: Sendable {
        let exitCode: Int32
        let says: String

        /// The gate's alert on the creation rule: exit 1.
        static let alert = Expected(1, "ALERT creation-slowdown")
        /// The gate's pass: exit 0.
        static let pass = Expected(0, "No alert")

        init(_ exitCode: Int32, _ says: String) {
            self.exitCode = exitCode
            self.says = says
        }
    }

    /// How the attempt's last command ended, and what it said (or, where its streams could carry
    /// nothing, what the tool stored of it).
    struct Ending: Sendable {
        let exitCode: Int32?
        let signal: Int32?
        let output: String

        init(_ outcome: ExecutableFile.Outcome) {
            (exitCode, signal, output) = (outcome.exitCode, outcome.signal, outcome.stdout + outcome.stderr)
        }

        init(_ ending: ExecutableFile.Ending, stored: String) {
            (exitCode, signal, output) = (ending.exitCode, ending.signal, stored)
        }
    }
}

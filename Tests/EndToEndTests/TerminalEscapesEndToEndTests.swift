import Foundation
import TestSupport
import Testing

/// `run` on a terminal: an updating progress line where the terminal takes escape sequences, and
/// not one escape sequence where it does not (`TERM=dumb`, `TERM` unset, `NO_COLOR` set).
@Suite(.needsDockerEngine, .serialized)
struct TerminalEscapesEndToEndTests {
    static let arguments = ["run", "--suite", "quick", "--spec", "creation", "--iterations", "2"]

    private static func run(_ environment: [String: String?]) async throws -> ExecutableFile.TerminalOutcome {
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.binary.runOnTerminal(
            arguments, environment: cli.environment.mapValues { Optional($0) }.merging(environment) { $1 })
        #expect(outcome.ending.exitCode == 0, "\(outcome.terminal)")
        #expect(outcome.terminal.contains("creation"), "\(outcome.terminal)")
        return outcome
    }

    @Test func aTerminalThatTakesEscapesGetsAnUpdatingLine() async throws {
        let outcome = try await Self.run(["TERM": "xterm-256color", "NO_COLOR": nil])
        #expect(outcome.terminal.contains("\r\u{1B}[2K"), "\(outcome.terminal.debugDescription)")
    }

    @Test(
        arguments: [
            ["TERM": "dumb", "NO_COLOR": nil], ["TERM": nil, "NO_COLOR": nil],
            ["TERM": "xterm-256color", "NO_COLOR": "1"],
        ] as [[String: String?]])
    func aTerminalWithoutEscapesGetsPlainLines(environment: [String: String?]) async throws {
        let outcome = try await Self.run(environment)
        #expect(!outcome.terminal.unicodeScalars.contains("\u{1B}"), "\(outcome.terminal.debugDescription)")
        #expect(!outcome.terminal.contains("\r\r"), "\(outcome.terminal.debugDescription)")
        #expect(outcome.terminal.contains("✓ creation:"), "\(outcome.terminal.debugDescription)")
    }
}

import ArgumentParser
import BenchModel
import Foundation

/// The root command of a benchmark executable. Its `main()` ends the process with the exit
/// codes of sandbox-bench (DESIGN.md), so that a test or a script can tell a locked database
/// from a mistyped option: a usage error exits 2, a categorized error with its own code, and
/// anything else 3 — never 1, which means "regression".
public protocol BenchmarkCommand: ParsableCommand {}

extension BenchmarkCommand {
    /// The exit codes `main()` ends with, for the root command's `--help`.
    public static var exitCodesHelp: String {
        """
        EXIT CODES
          0  done
          2  bad input: usage
          3  environment: database locked, unwritable or not a database
        """
    }

    public static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            writeToStandardError(fullMessage(for: error))
            Foundation.exit(FailureKind.badInput.exitCode)
        }
        do {
            try command.run()
        } catch where exitCode(for: error) == .success {
            // `help` of a subcommand arrives here as an error that means "print and exit 0".
            exit(withError: error)
        } catch let failure as any CategorizedError {
            writeToStandardError("\(configuration.commandName ?? "benchmark"): error: \(failure.description)")
            Foundation.exit(failure.kind.exitCode)
        } catch {
            writeToStandardError("\(configuration.commandName ?? "benchmark"): error: \(error)")
            Foundation.exit(FailureKind.environment.exitCode)
        }
    }

    private static func writeToStandardError(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}

import ArgumentParser
import BenchModel

@main
struct SandboxBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox-bench",
        abstract: "Benchmark a Docker code sandbox, remember every run, and flag regressions.",
        discussion: """
            Runs the sandbox benchmark suite against the local Docker engine, stores every run \
            and every sample in SQLite, compares runs with a baseline and exits 1 when the \
            sandbox regressed.

            EXIT CODES
              0  ran, no regression
              1  regression alert (gate, run --gate)
              2  bad input: usage, unknown run or baseline, invalid configuration
              3  environment: Docker unreachable, image missing,
                 database locked, unwritable or not a database
              4  suite failure: a spec could not produce valid samples
              130, 143  run interrupted by SIGINT, SIGTERM (stored as aborted)
            """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, DoctorCommand.self, BaselineCommand.self, DiffCommand.self, GateCommand.self,
            ReportCommand.self,
            RunsCommand.self, ExportCommand.self, PruneCommand.self,
        ]
    )

    /// Parses, runs, and turns every outcome into the documented exit code: parse errors are
    /// usage errors (2), categorized errors carry their own code, anything else is an
    /// environment failure (3) — never 1, which means "regression".
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FailureReport.print(usageLine(for: error))
            FailureReport.exit(.badInput)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch where exitCode(for: error) == .success {
            // `help` and `--help` of a subcommand arrive here as errors that mean "print and exit 0".
            exit(withError: error)
        } catch let invalid as ValidationError {
            FailureReport.print(invalid.message)
            FailureReport.exit(.badInput)
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch let failure as any CategorizedError {
            FailureReport.print(failure.description)
            FailureReport.exit(failure.kind)
        } catch is CancellationError {
            FailureReport.print("Interrupted.")
            FailureReport.exit(.environment)
        } catch {
            FailureReport.print("\(error)")
            FailureReport.exit(.environment)
        }
    }

    /// A usage error as one line: what is wrong, and where the help is ("see `sandbox-bench run --help`").
    static func usageLine(for error: any Error) -> String {
        let message = self.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        // ArgumentParser's own hint reads "See 'sandbox-bench run --help' for more information."
        let seeLine = fullMessage(for: error).split(separator: "\n").first { $0.contains("See '") }
        guard let quoted = seeLine?.split(separator: "'", omittingEmptySubsequences: false), quoted.count >= 3 else {
            return message
        }
        return "\(message) (see `\(quoted[1])`)"
    }
}

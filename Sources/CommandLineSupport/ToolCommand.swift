import ArgumentParser
import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The root command of an executable of this project (sandbox-bench and its benchmarks). Its
/// `main()` ends the process with the documented exit codes, so that a script can tell a locked
/// database from a mistyped option: a usage error exits 2, a categorized error with its own code,
/// an interruption or anything else 3 — never 1, which means "regression".
package protocol ToolCommand: AsyncParsableCommand {
    /// What to do about `error`, in words that fit this executable's own flags, appended to the
    /// error's neutral sentence; nil when the sentence says it all.
    static func advice(for error: any Error) -> String?
}

extension ToolCommand {
    package static func advice(for error: any Error) -> String? { nil }

    package static func main() async {
        StandardStreams.prepare()
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .success { exitCleanly(error) }
            ErrorLine.print(tool: toolName, usageLine(for: error))
            Foundation.exit(FailureKind.badInput.exitCode)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch {
            finish(with: error)
        }
        checkStandardOutput()
    }

    /// Output that could not be written (`export > file` on a full disk) ends in an error, not in a
    /// silent success; a reader that stopped reading (`| head`) is no failure. The error line may
    /// not be written either (stderr on the same full disk): the exit code still says it.
    static func checkStandardOutput() {
        guard let code = StandardOutput.failure, code != EPIPE else { return }
        let reason = String(cString: strerror(code))
        ErrorLine.print(
            tool: toolName,
            "The output could not be written (\(reason)); check where standard output goes (a full disk?) and try again."
        )
        Foundation.exit(FailureKind.environment.exitCode)
    }

    /// Ends the process for an error a command threw: prints its one line and exits with its code.
    package static func finish(with error: any Error) -> Never {
        if exitCode(for: error) == .success {
            // `help` and `--help` of a subcommand arrive as errors that mean "print and exit 0".
            exitCleanly(error)
        }
        if let exit = error as? ExitCode { Self.exit(withError: exit) }
        let (message, kind) = ExitStatus.describe(error)
        let advice = advice(for: error).map { " " + $0 } ?? ""
        ErrorLine.print(tool: toolName, message + advice)
        Foundation.exit(kind.exitCode)
    }

    /// Prints the help or version that `error` asks for, as ArgumentParser would, but through
    /// ``StandardOutput``: help sent to a full disk is exit 3, as any other output.
    static func exitCleanly(_ error: any Error) -> Never {
        let text = fullMessage(for: error)
        if !text.isEmpty { StandardOutput.write(text + "\n") }
        checkStandardOutput()
        Foundation.exit(ExitCode.success.rawValue)
    }

    package static var toolName: String { configuration.commandName ?? "command" }

    /// A usage error as one line: what is wrong, and where the help is ("see `sandbox-bench run --help`").
    static func usageLine(for error: any Error, arguments: [String] = Array(CommandLine.arguments.dropFirst()))
        -> String
    {
        var message = self.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        // ArgumentParser reads `runs show -5` as an unknown option "-5" and reports something else
        // missing; numeric options parse unconditionally and say so themselves.
        if message.hasPrefix("Missing") || message.hasPrefix("Unknown option"),
            let negative = arguments.first(where: Self.isNegativeNumber)
        {
            message =
                "\(negative) is out of range: no id, count or limit here is negative; give 0 or more (a run id is 1 or more)"
        }
        // ArgumentParser's own hint reads "See 'sandbox-bench run --help' for more information."
        let seeLine = fullMessage(for: error).split(separator: "\n").first { $0.contains("See '") }
        guard let quoted = seeLine?.split(separator: "'", omittingEmptySubsequences: false), quoted.count >= 3 else {
            return message
        }
        return "\(message) (see `\(quoted[1])`)"
    }

    /// `-5`, `-0.5`: a token ArgumentParser takes for an option, though it is a number.
    static func isNegativeNumber(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1 else { return false }
        let body = argument.dropFirst()
        return body.first?.isNumber == true && body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." }
    }
}

/// The one mapping from an error to its sentence and its outcome class (exit code).
package enum ExitStatus {
    package static func describe(_ error: any Error) -> (message: String, kind: FailureKind) {
        switch error {
        case let invalid as ValidationError:
            return (invalid.message, .badInput)
        case let failure as any CategorizedError:
            return (failure.description, failure.kind)
        case is CancellationError:
            return ("Interrupted.", .environment)
        case let error as DecodingError:
            return ("A document could not be read\(DecodingErrorSentence.describe(error).clause)", .badInput)
        case is EncodingError:
            return ("A value could not be written as JSON (a number that is not finite?).", .environment)
        case let error as NSError where error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain:
            // Foundation's own texts ("NSCocoaErrorDomain error 512") never reach a user.
            return ("A file operation failed: \(FileSystemError.reason(error)).", .environment)
        default:
            return ("\(error)", .environment)
        }
    }
}

/// How every executable prints a failure: one line on stderr, prefixed with its name, with
/// every control character escaped.
package enum ErrorLine {
    package static func print(tool: String, _ message: String) {
        write("\(tool): error: \(oneLine(message))\n")
    }

    package static func warn(tool: String, _ message: String) {
        write("\(tool): warning: \(oneLine(message))\n")
    }

    /// The longest error line printed: a 100 kB name typed by mistake is not echoed whole.
    package static let maximumLength = 2_000

    /// The message on one line, safe for a terminal, at most about `maximumLength` characters:
    /// the middle of a longer one is left out, so that its end — what to do — stays.
    package static func oneLine(_ message: String) -> String {
        let line = TerminalSafe.inline(
            Credentials.redacted(message.split(whereSeparator: \.isNewline).joined(separator: " ")))
        guard line.count > maximumLength else { return line }
        let kept = maximumLength / 2
        return line.prefix(kept) + " … (\(line.count - 2 * kept) characters left out) … " + line.suffix(kept)
    }

    package static func write(_ text: String) {
        StandardError.write(text)
    }
}

/// The exit codes a benchmark executable ends with, for its root command's `--help`.
package enum ToolExitCodes {
    package static let help = """
        EXIT CODES
          0  done
          2  bad input: usage
          3  environment: database locked, unwritable or not a database
        """
}

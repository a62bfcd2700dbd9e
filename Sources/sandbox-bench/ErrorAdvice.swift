import BenchModel
import BenchSuite
import BenchWorkflow
import CommandLineSupport
import EngineInterface
import Reporting
import ResultsStore

/// What to do about an error, in terms of sandbox-bench's own flags and scripts. The lower layers
/// say what happened, neutrally; this is the only place that knows the command line.
enum ErrorAdvice {
    static func advice(for error: any Error) -> String? {
        switch error {
        case let error as DockerEngineError:
            switch error {
            case .daemonUnreachable(_, let reason) where reason.contains("permission denied"):
                return
                    "Run as root or as a member of the docker group, or point DOCKER_HOST at a socket this user may use."
            case .daemonUnreachable(_, let reason)
            where reason.contains("not a socket") || reason.contains("longer than"):
                return "Point DOCKER_HOST at the engine's socket (unix:///var/run/docker.sock)."
            case .daemonUnreachable:
                return
                    "Start it with Scripts/setup.sh (it runs dockerd --bridge=none --iptables=false --ip-forward=false) or point DOCKER_HOST at its socket."
            case .unsupportedHost:
                return "Set DOCKER_HOST=unix:///var/run/docker.sock or unset it."
            case .unsupportedAPIVersion:
                return "Upgrade the engine (Debian's docker.io 20.10 or later)."
            case .imageNotFound:
                return "Build it with Scripts/setup.sh, or name another image with --image."
            case .pullFailed:
                return "Build the default image with Scripts/setup.sh, or name a local image with --image."
            case .invalidResponse:
                return "Check that DOCKER_HOST points at a Docker engine."
            case .deadlineExceeded:
                return
                    "The engine or its runtime hangs: check `docker info` and the engine's log; the next run removes what this one left. A slow engine needs a longer --engine-deadline."
            case .api, .malformedStream:
                return nil
            }
        case is EngineLost:
            return
                "Check why the engine stopped (its log, `systemctl status docker`) and run again; the next run removes anything left."
        case let error as ClockBehind where error.writtenHere:
            return "Set the clock right (NTP: `timedatectl set-ntp true`) and run again."
        case let error as ClockBehind:
            return
                "If run \(error.latestRun)'s times are wrong (a file or a host clock ahead), delete it "
                + "(`sandbox-bench runs delete \(error.latestRun)`); else set this host's clock right "
                + "(NTP: `timedatectl set-ntp true`); then run again."
        case is StoreCopy.Diverged:
            return
                "To take the source's decisions, delete the run from the target (`sandbox-bench runs delete ID "
                + "--db TARGET`) and copy again; otherwise the target keeps its own."
        case is RunNotKept:
            return
                "Check the database for triggers, rules or policies added since it was opened (a second writer?), "
                + "and run again."
        case let error as RunStoreLoss:
            switch error.cause {
            case .deleted, .closedElsewhere:
                return
                    "Delete or close a run only once its process has ended "
                    + "(`sandbox-bench runs list` shows it running)."
            case .fileReplaced:
                return
                    "Keep the database file and its -wal in place while a command writes it (back it up with "
                    + "`sqlite3 DB .backup COPY` or between runs), and run again."
            case .diskFull:
                return "Free space on that disk (`df` shows it), and run again."
            case .unreachable:
                return "Check the database server (its log, whether it restarted for longer), and run again."
            }
        case let error as StoreError:
            switch error {
            case .noDatabase(let store) where store.hasPrefix("postgresql://"):
                return
                    "Create it first (createdb, as the README's fleet set-up shows), or name another database with --db or SANDBOX_BENCH_DB."
            case .noDatabase:
                return "Run `sandbox-bench run` first, or pass the right path with --db."
            case .namedDatabaseMissing(let store, _) where store.hasPrefix("postgresql://"):
                return
                    "Check the database name in the URL (a typo?), or create the database first (createdb, as the "
                    + "README's fleet set-up shows): sandbox-bench does not create a PostgreSQL database."
            case .namedDatabaseMissing:
                return "Check the path (a typo?); `sandbox-bench run --db PATH` creates a database there."
            case .foreignSchemaObject:
                return
                    "Remove what sandbox-bench did not create (or restore what it did), "
                    + "or keep its results in another database named with --db or SANDBOX_BENCH_DB."
            case .databaseReplaced:
                return "Keep the database file in place while a command writes it, and run the command again."
            case .diskFull:
                return "Free space on that disk (`df` shows it), and run the command again."
            case .outdatedSchema:
                return
                    "Upgrade it once with `sandbox-bench migrate` (`--dry-run` shows the statements), "
                    + "or pass --migrate to this command."
            case .unreachable(_, let reason) where reason.hasPrefix("the TLS handshake failed"):
                return
                    "Check that sslrootcert (or PGSSLROOTCERT) holds the CA that signed the server's certificate "
                    + "and, for verify-full, that the URL's host is a name the certificate holds."
            case .unreachable:
                return
                    "Check that the server is running and that --db or SANDBOX_BENCH_DB names it (postgresql://USER@HOST[:PORT]/DB)."
            case .readOnly(let store) where store.hasPrefix("postgresql://"):
                return
                    "This role may only read it (as Deploy/postgresql/reader-role.sql grants); "
                    + "run commands that write as a role that may write."
            case .unwritable(let store, _) where store.hasPrefix("postgresql://"):
                return
                    "Run it as a role that may create and write sandbox-bench's tables there "
                    + "(the database's owner, the role the hosts write with)."
            case _ where error.concernsLocation:
                return "Pass another path with --db or SANDBOX_BENCH_DB."
            case .unknownRun: return "`sandbox-bench runs list` shows the runs."
            case .unknownBaseline: return "`sandbox-bench baseline list` shows the baselines."
            case .baselineNeedsCompletedRun: return "Pick a completed run from `sandbox-bench runs list`."
            case .runIsBaseline:
                return
                    "Pass --force to delete it together with the baseline, or point the baseline at another run first."
            case .runIsRunning: return "Pass --force once it is gone."
            default:
                return nil
            }
        case let error as BaselineFileError:
            switch error {
            case .notJSON, .notABaselineFile: return "Write one with `sandbox-bench baseline export`."
            case .newerFormat: return "Use a newer sandbox-bench, or export the baseline with this one."
            case .unreadable, .invalid: return nil
            }
        case let error as ReportWriteError:
            switch error {
            case .cannotWrite: return "Choose a writable place with --out or --metrics-file."
            case .notADirectory: return "Choose a folder for --out, and a path below folders for --metrics-file."
            }
        case let error as ComparisonInputError:
            return comparisonAdvice(error)
        case let error as SuiteFailure:
            return "`sandbox-bench runs show \(error.runID)` lists each failure with the container's output."
        case let error as IncompleteRunError:
            return "`sandbox-bench runs show \(error.run.id)` says what went wrong."
        case let error as WithheldAlertError:
            return "`sandbox-bench gate --confirm 1 \(error.run)` measures those specs again once the host is quiet "
                + "(`runs show \(error.run)` shows each spec's foreign load)."
        case let error as MissingMetricError:
            switch error.side {
            case .candidate: return "`sandbox-bench runs show \(error.run)` shows what it stored."
            case .baseline: return "Name another with --baseline or --baseline-file."
            }
        case is NoHomeFolder:
            return "Set HOME, or name the database with --db or \(StoreLocation.environmentVariable)."
        case is HostInterpreterError:
            return "Install python3, or name an interpreter with --host-python PATH."
        case let error as SideProblem:
            return advice(for: error.problem)
        case let error as RunLockError:
            switch error {
            case .held(_, let holder?, _) where holder.isSandboxBench == false:
                return
                    "Ask its user to end it, or end it yourself (kill \(holder.pid)) if you may: every user's runs "
                    + "on this host share the lock. To queue behind it instead, pass --wait-lock SECONDS."
            case .held(_, _, nil): return "To queue behind it instead, pass --wait-lock SECONDS."
            case .held: return nil
            case .unusable:
                return "Set SANDBOX_BENCH_LOCK to a lock file of its own (a new path) in a folder this user may write."
            }
        default:
            return nil
        }
    }

    private static func comparisonAdvice(_ error: ComparisonInputError) -> String {
        switch error {
        case .noRuns: "Run `sandbox-bench run` first."
        case .noRunsOfTestbed:
            "Name the testbed with --testbed NAME, or the run by its id (`sandbox-bench runs list` shows every "
                + "testbed's runs)."
        case .notARun: "See `sandbox-bench runs list`."
        case .notCompleted: "Pick another with `sandbox-bench runs list`."
        case .candidateNotCompleted(let id, _, _): "`sandbox-bench runs show \(id)` says what went wrong."
        case .testbedNeeded: "Name it with --testbed (`report --fleet` shows every testbed side by side)."
        case .verdictBaselineGone: "Name one with --baseline NAME|RUN, --window K or --baseline-file FILE."
        case .ownBaseline: "Name another baseline with --baseline or --baseline-file."
        case .noCleanRunInWindow: "Name a good baseline with --baseline NAME|RUN or --baseline-file FILE."
        case .onlyOneOffs:
            "Name the baseline with --baseline or --baseline-file (add --standing to let another testbed's "
                + "baseline become the run's verdict), or pin one of its testbed with `sandbox-bench baseline set`."
        }
    }

    /// The error's sentence with its advice, for a warning that does not end the command.
    static func sentence(for error: any Error) -> String {
        let (message, _) = ExitStatus.describe(error)
        return advice(for: error).map { "\(message) \($0)" } ?? message
    }
}

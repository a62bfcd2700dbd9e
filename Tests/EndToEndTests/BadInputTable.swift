import Foundation

/// The classes of bad input every option is tried with (not a number, out of range, empty,
/// control or invisible characters, …), as values for any option.
enum BadValue: String, CaseIterable, Sendable {
    case nan, inf, negativeZero, huge, twoTo63, empty, whitespace, control, unicode
    case directory, fifo, unreadable, readOnly

    /// The value as given on the command line; paths are made in `places`.
    func text(_ places: BadInputPlaces) -> String {
        switch self {
        case .nan: "nan"
        case .inf: "inf"
        case .negativeZero: "-0"
        case .huge: "1e308"
        case .twoTo63: "9223372036854775808"
        case .empty: ""
        case .whitespace: " \t "
        case .control: "\u{1B}[31mred\u{07}\nline"
        case .unicode: "５٣"
        case .directory: places.directory
        case .fifo: places.fifo
        // Reading /proc/self/mem at offset 0 fails (EIO), also for root.
        case .unreadable: "/proc/self/mem"
        // Nothing can be created on a read-only file system, also by root.
        case .readOnly: places.readOnly + "/results"
        }
    }
}

/// The paths the path classes point at.
struct BadInputPlaces: Sendable {
    var directory: String
    var fifo: String
    /// A folder on a read-only file system.
    var readOnly: String
}

/// What an option takes, which decides what each bad value must do to the command.
enum OptionKind: Sendable {
    /// A number, a size, a threshold, a choice, a date, a run id: every class is refused (2).
    case strict
    /// A run id, `latest` or a baseline name, looked up in the database: unknown ones are refused (2).
    case reference
    /// Free text stored as given (a label, a note, a commit): every value is accepted but a
    /// leading dash, which reads as an option.
    case text
    /// A baseline name to create: refused when it reads as a run id or is empty.
    case newBaselineName
    /// An image reference, checked against Docker's grammar.
    case image
    /// An interpreter command, run inside the sandbox: accepted unless empty or with control characters.
    case interpreter
    /// A runtime name: accepted unless empty or with white space.
    case runtime
    /// A file read as input (a configuration, a profile), an executable: anything but a usable file is refused (2).
    case inputFile
    /// A folder written into (`--out`): one that cannot be created or written is an environment failure (3).
    case outputFolder
    /// A file replaced atomically (`--metrics-file`): a directory, FIFO or read-only place is an environment failure (3).
    case outputFile
    /// `--junit`, `--markdown`: the gate's own output files, checked by the gate, which writes them
    /// after its verdict; only `run` without `--gate` refuses them here.
    case gateOutputFile
    /// `--db`: a path that is not a usable database file is an environment failure (3); one that
    /// does not exist is bad input (2) for every command that does not create it.
    case database
    /// `--testbed`: a name stored with runs and baselines: refused when empty or with control characters.
    case testbed
}

/// What a case must end with.
enum Expectation: Equatable, Sendable {
    case exit(Int32)
    /// A valid value: running it would do real work (measure, write, create). Not run.
    case accepted
}

enum BadInputTable {
    /// Every option and argument of every command, by what it takes. A new option that is not
    /// listed here fails the test: it must be classified, so that it cannot be forgotten.
    static let kinds: [String: OptionKind] = [
        "--suite": .strict, "--spec": .strict, "--iterations": .strict, "--label": .text, "--commit": .text,
        "--host-python": .inputFile, "--out": .outputFolder, "--metrics-file": .outputFile, "--baseline": .reference,
        "--confirm": .strict, "--junit": .gateOutputFile, "--markdown": .gateOutputFile, "--report-url": .strict,
        "--max-creation-slowdown": .strict,
        "--min-parallel-efficiency": .strict, "--statistic": .strict, "--window": .strict, "--config": .inputFile,
        "--image": .image, "--interpreter": .interpreter, "--memory": .strict, "--cpus": .strict,
        "--seccomp-profile": .inputFile,
        "--runtime": .runtime, "--timeout": .strict, "--engine-deadline": .strict, "--db": .database,
        "--log-level": .strict,
        "--note": .text, "--format": .strict, "--history": .strict, "--limit": .strict, "--run": .strict,
        "--from": .strict,
        "--to": .strict, "--since": .strict, "--keep-days": .strict, "--testbed": .testbed, "--site": .outputFolder,
        "--metric": .strict,
        "baseline set <name>": .newBaselineName, "baseline set <run>": .strict, "baseline show <name>": .reference,
        "baseline rm <name>": .reference, "diff <base>": .reference, "diff <run>": .reference, "gate <run>": .reference,
        "report <run>": .reference, "runs show <id>": .strict, "runs delete <id>": .strict,
        "--baseline-file": .inputFile, "baseline export <name>": .reference, "--output": .outputFile,
        "baseline import <file>": .inputFile, "--name": .newBaselineName, "ab <A.json>": .inputFile,
        "ab <B.json>": .inputFile, "compare <P.json>": .inputFile,
        "--budget": .strict, "--min-samples": .strict, "--max-samples": .strict, "--wait-lock": .strict,
        // A busy host's wait; the reports a site links to (without --site, refused whatever it names).
        "--quiet-wait": .strict, "--reports": .strict,
    ]

    /// Arguments that make each command valid apart from the one under test, and the positional
    /// arguments that come before a positional under test.
    static let required: [String: [String]] = [
        "run": ["--no-report"], "export": ["--run", "1"], "prune": ["--keep-days", "400"],
        "baseline set": ["fixture-name"], "baseline show": ["default"], "baseline rm": ["default"], "runs show": ["1"],
        "runs delete": ["1"], "baseline export": ["default"], "baseline import": [BadInputTable.baselineFile],
        "ab": [BadInputTable.profile, BadInputTable.profile],
        "compare": [BadInputTable.profile, BadInputTable.profile],
    ]
    static let positionalPrefix: [String: [String]] = [
        "diff <run>": ["default"], "baseline set <run>": ["fixture-name"], "ab <B.json>": [BadInputTable.profile],
        "compare <P.json>": [BadInputTable.profile],
    ]
    /// A valid sandbox profile (every key its default), written into each case's folder.
    static let profile = "profile.json"
    /// A valid baseline file (the fixture's `default`), copied into each case's folder.
    static let baselineFile = "baseline.json"
    /// Options whose presence replaces a required one: `export --from` needs `--to`, not `--run`.
    static let companions: [String: [String]] = [
        "export --from": ["--to", "2"], "export --to": ["--from", "1"], "export --since": [],
    ]

    static func expectation(command: String, kind: OptionKind, value: BadValue) -> Expectation {
        // A leading dash reads as an option: refused, whatever the option takes.
        if value == .negativeZero { return .exit(2) }
        let pathClasses: Set<BadValue> = [.directory, .fifo, .unreadable, .readOnly]
        switch kind {
        case .strict, .reference, .inputFile:
            return .exit(2)
        case .text:
            return .accepted
        case .newBaselineName:
            return [.empty, .whitespace, .twoTo63, .unicode].contains(value) ? .exit(2) : .accepted
        case .image:
            return [.nan, .inf, .huge, .twoTo63].contains(value) ? .accepted : .exit(2)
        case .interpreter:
            return [.empty, .control].contains(value) ? .exit(2) : .accepted
        case .runtime, .testbed:
            return [.empty, .whitespace, .control].contains(value) ? .exit(2) : .accepted
        case .outputFolder:
            if [.empty, .whitespace].contains(value) { return .exit(2) }
            if [.fifo, .unreadable, .readOnly].contains(value) { return .exit(3) }
            return .accepted
        case .outputFile:
            if [.empty, .whitespace].contains(value) { return .exit(2) }
            if [.directory, .fifo, .readOnly].contains(value) { return .exit(3) }
            return .accepted
        case .gateOutputFile:
            return command == "run" ? .exit(2) : .accepted
        case .database:
            if [.empty, .whitespace].contains(value) { return .exit(2) }
            if [.directory, .fifo, .unreadable].contains(value) { return .exit(3) }
            // `run`, `ab` and `baseline import` create a database that is missing, and then write: not run here.
            if ["run", "ab", "compare", "baseline import"].contains(command) {
                return pathClasses.contains(value) ? .exit(3) : .accepted
            }
            // A database named with --db must exist for every other command, listings included:
            // a missing one is a typo (2), not "no runs yet".
            return .exit(2)
        }
    }
}

import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every option and argument of every command, as the commands themselves describe them
/// (`--experimental-dump-help`), given every class of bad input: each refusal ends with the
/// documented exit code, exactly one line on stderr, and the database byte for byte as it was.
@Suite struct BadInputTests {
    /// One option or argument of one command.
    struct Parameter: Sendable {
        var command: String
        /// `--limit`, or `<id>` for a positional argument.
        var name: String
        var isPositional: Bool
        var key: String { isPositional ? "\(command) \(name)" : name }
    }

    /// The parameters that take a value, from the command tree the binary prints.
    static func parameters(of binary: ExecutableFile) async throws -> [Parameter] {
        let dump = try await binary.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [Parameter] = []
        func walk(_ command: [String: Any], path: [String]) {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            for sub in subcommands {
                let name = sub["commandName"] as? String ?? ""
                if name != "help" { walk(sub, path: path + [name]) }
            }
            guard subcommands.isEmpty else { return }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let kind = argument["kind"] as? String
                guard kind == "option" || kind == "positional" else { continue }
                let preferred = (argument["preferredName"] as? [String: Any])?["name"] as? String
                let name = kind == "option" ? "--" + (preferred ?? "") : "<\(argument["valueName"] as? String ?? "")>"
                found.append(
                    Parameter(command: path.joined(separator: " "), name: name, isPositional: kind == "positional"))
            }
        }
        walk(try #require(root["command"] as? [String: Any]), path: [])
        return found
    }

    static func arguments(for parameter: Parameter, value: String) -> [String] {
        let words = parameter.command.split(separator: " ").map(String.init)
        let companion = BadInputTable.companions["\(parameter.command) \(parameter.name)"]
        let required = companion ?? BadInputTable.required[parameter.command] ?? []
        if parameter.isPositional {
            let prefix = BadInputTable.positionalPrefix[parameter.key] ?? []
            // The required positional arguments are replaced by the one under test.
            let rest = required.first?.hasPrefix("-") == false ? Array(required.dropFirst()) : required
            return words + prefix + [value] + rest
        }
        return words + required + [parameter.name, value]
    }

    @Test func everyOptionOfEveryCommandRefusesBadInputWithOneLineAndChangesNothing() async throws {
        let binary = try ExecutableFile.locate()
        let directory = try TemporaryDirectory(prefix: "sandbox-bench-bad-input")
        defer { directory.remove() }
        let places = try Self.places(in: directory)
        defer { Self.unmount(places.readOnly) }
        let template = directory.file("template.sqlite")
        try await FixtureDatabase.write(at: template)
        let bundle = directory.file(BadInputTable.baselineFile)
        let export = try await binary.run(
            ["baseline", "export", "default", "-o", bundle], environment: ["SANDBOX_BENCH_DB": template])
        #expect(export.exitCode == 0, "\(export.stderr)")

        let parameters = try await Self.parameters(of: binary)
        #expect(parameters.count > 60, "the command tree was not read: \(parameters.count) parameters")
        for parameter in parameters where BadInputTable.kinds[parameter.key] == nil {
            Issue.record(
                "\(parameter.command) \(parameter.name) is not classified in BadInputTable.kinds: say what it takes")
        }
        var cases: [(Parameter, BadValue, Int32)] = []
        for parameter in parameters {
            guard let kind = BadInputTable.kinds[parameter.key] else { continue }
            for value in BadValue.allCases {
                if case .exit(let code) = BadInputTable.expectation(
                    command: parameter.command, kind: kind, value: value)
                {
                    cases.append((parameter, value, code))
                }
            }
        }
        var counts: [Int32: Int] = [:]
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for (index, (parameter, value, code)) in cases.enumerated() {
                counts[code, default: 0] += 1
                if running == 4 {
                    try await group.next()
                    running -= 1
                }
                running += 1
                group.addTask {
                    try await Self.check(
                        parameter, value: value, code: code, binary: binary, template: template, places: places,
                        index: index, in: directory)
                }
            }
            try await group.waitForAll()
        }
        print(
            "bad inputs: \(cases.count) refusals checked over \(parameters.count) options and arguments: \(counts.sorted { $0.key < $1.key }.map { "\($0.value) × exit \($0.key)" }.joined(separator: ", "))"
        )
    }

    static func check(
        _ parameter: Parameter, value: BadValue, code: Int32, binary: ExecutableFile, template: String,
        places: BadInputPlaces, index: Int,
        in directory: TemporaryDirectory
    ) async throws {
        let folder = directory.file("case-\(index)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/results.sqlite"
        try FileManager.default.copyItem(atPath: template, toPath: database)
        try "{}".write(toFile: folder + "/" + BadInputTable.profile, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: directory.file(BadInputTable.baselineFile), toPath: folder + "/" + BadInputTable.baselineFile)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let arguments = Self.arguments(for: parameter, value: value.text(places))
        // No engine answers: an input taken by mistake cannot start measuring.
        let environment = [
            "SANDBOX_BENCH_DB": database, "SANDBOX_BENCH_LOCK": folder + "/run.lock",
            "DOCKER_HOST": "unix://\(folder)/no-engine.sock",
            "HOME": folder, "XDG_DATA_HOME": folder,
        ]
        let outcome = try await binary.run(arguments, environment: environment, in: URL(fileURLWithPath: folder))
        let shown = "\(parameter.command) \(parameter.name) \(value.rawValue): \(arguments.debugDescription)"
        #expect(outcome.exitCode == code, "\(shown): \(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(
            lines.count == 1 && outcome.stderr.hasSuffix("\n"),
            "\(shown): one line on stderr, got \(outcome.stderr.debugDescription)")
        #expect(
            lines.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } },
            "\(shown): control characters on stderr")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before, "\(shown): the database changed")
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasPrefix("results.sqlite-")
        }
        #expect(beside.isEmpty, "\(shown): \(beside) left beside the database")
    }

    /// A folder, a FIFO, and a read-only file system (a read-only tmpfs when this is root,
    /// else a place under /proc where nothing can be created).
    static func places(in directory: TemporaryDirectory) throws -> BadInputPlaces {
        let folder = directory.file("a-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fifo = directory.file("a-fifo")
        guard mkfifo(fifo, 0o644) == 0 else { throw POSIXError(.EEXIST) }
        var readOnly = "/proc/sandbox-bench-read-only"
        let mountPoint = directory.file("read-only")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        if getuid() == 0, mount("tmpfs", mountPoint, "tmpfs", UInt(MS_RDONLY), "size=64k") == 0 {
            readOnly = mountPoint
        }
        return BadInputPlaces(directory: folder, fifo: fifo, readOnly: readOnly)
    }

    static func unmount(_ path: String) {
        if !path.hasPrefix("/proc/") { umount2(path, Int32(MNT_DETACH)) }
    }
}

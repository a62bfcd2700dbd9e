import BenchModel
import Foundation

/// The file's JSON shape (docs/regression.md, "Baseline files"): pretty-printed with sorted keys,
/// times in ISO 8601 UTC with milliseconds, the run's configuration as a nested object.
extension BaselineFile {
    package func json() throws -> String {
        String(decoding: try Self.encoder.encode(Document(self)), as: UTF8.self) + "\n"
    }

    /// Reads a baseline file's content; `source` names it in errors. Refuses, in one sentence,
    /// anything that is not a baseline file of a version this sandbox-bench reads, and anything
    /// malformed in one — a key twice in one object too, at its key path (`specs[2].samples[0].value`).
    /// A time later than `now` (beyond ``clockSkew``) is refused too: no run started in the future,
    /// and a run filed there would come after every later run of its testbed.
    package init(json data: Data, source: String, now: Date = Date()) throws(BaselineFileError) {
        let checked: CheckedJSON
        do {
            checked = try CheckedJSON(data)
        } catch .invalid {
            throw .notJSON(source: source)
        } catch {
            throw .invalid(source: source, keyPath: error.keyPath, reason: error.reason)
        }
        let header: Header
        do {
            header = try Self.decoder.decode(Header.self, from: checked)
        } catch {
            throw .notJSON(source: source)
        }
        guard header.format == Self.formatName else { throw .notABaselineFile(source: source, format: header.format) }
        guard let version = header.formatVersion, version >= 1 else {
            throw .invalid(source: source, keyPath: "formatVersion", reason: "must be a whole number of 1 or more.")
        }
        guard version <= Self.currentFormatVersion else { throw .newerFormat(source: source, version: version) }
        let document: Document
        do {
            document = try Self.decoder.decode(Document.self, from: checked)
        } catch let error as DecodingError {
            let problem = DecodingErrorSentence.describe(error)
            throw .invalid(source: source, keyPath: problem.keyPath, reason: problem.reason)
        } catch {
            throw .notJSON(source: source)
        }
        self = try document.file(source: source, now: now)
    }

    /// Only the fields that say what the file is: read first, so that a newer format is refused
    /// as newer rather than as malformed.
    private struct Header: Decodable {
        var format: String?
        var formatVersion: Int?

        init(from decoder: any Decoder) throws {
            // Any JSON object is a header; a key of the wrong type counts as missing.
            let container = try decoder.container(keyedBy: Document.CodingKeys.self)
            format = try? container.decodeIfPresent(String.self, forKey: .format)
            formatVersion = try? container.decodeIfPresent(Int.self, forKey: .formatVersion)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601Milliseconds
        return encoder
    }()

    static let decoder: StrictJSONDecoder = {
        var decoder = StrictJSONDecoder()
        decoder.dateDecodingStrategy = .iso8601Milliseconds
        return decoder
    }()
}

/// The document as it is written: the portable run flattened into the file's top level.
struct Document: Codable {
    enum CodingKeys: String, CodingKey {
        case format, formatVersion, exportedAt, toolVersion, name, run, configuration, environment, specs, summaries
        case decisions, alerts
    }

    var format: String
    var formatVersion: Int
    var exportedAt: Date
    var toolVersion: String
    var name: String?
    var run: RunIdentity
    var configuration: JSONValue
    var environment: EnvironmentFingerprint?
    var specs: [FileSpec]
    var summaries: [MetricSummary]
    var decisions: [DecisionRecord]
    var alerts: [AlertRecord]

    /// The run's record without its configuration (which has a key of its own), with the UUID of
    /// the run it confirms.
    struct RunIdentity: Codable {
        var uuid: UUID
        /// The run's id in the store it was exported from.
        var id: Int64
        var testbed: String
        var startedAt: Date
        var endedAt: Date?
        var status: RunStatus
        var reason: String?
        var suite: String
        var label: String?
        var gitCommit: String?
        var toolVersion: String
        var purpose: RunPurpose
        var parentUUID: UUID?
        var host: String
        var pid: Int32
    }

    init(_ file: BaselineFile) {
        let run = file.run.run
        format = BaselineFile.formatName
        formatVersion = file.formatVersion
        exportedAt = file.exportedAt
        toolVersion = file.toolVersion
        name = file.name
        self.run = RunIdentity(
            uuid: run.uuid, id: run.id, testbed: run.testbed, startedAt: run.startedAt, endedAt: run.endedAt,
            status: run.status,
            reason: run.reason, suite: run.suite, label: run.label, gitCommit: run.gitCommit,
            toolVersion: run.toolVersion,
            purpose: run.purpose, parentUUID: file.run.parentUUID, host: run.host, pid: run.pid)
        configuration = JSONValue(text: run.configurationJSON) ?? .string(run.configurationJSON)
        environment = file.run.environment
        specs = file.run.specs.map(FileSpec.init)
        summaries = file.summaries
        decisions = file.run.decisions
        alerts = file.run.alerts
    }

    /// The file, once everything in it has been checked.
    func file(source: String, now: Date) throws(BaselineFileError) -> BaselineFile {
        func invalid(_ keyPath: String, _ reason: String) -> BaselineFileError {
            .invalid(source: source, keyPath: keyPath, reason: reason)
        }
        let times: [(String, Date?)] =
            [("run.startedAt", run.startedAt), ("run.endedAt", run.endedAt), ("exportedAt", exportedAt)]
            + decisions.enumerated().map { ("decisions[\($0.offset)].decidedAt", $0.element.decidedAt) }
        for case (let keyPath, let time?) in times where time > now.addingTimeInterval(BaselineFile.clockSkew) {
            throw invalid(
                keyPath,
                "is \(ISO8601Milliseconds.string(from: time)), after this host's clock "
                    + "(\(ISO8601Milliseconds.string(from: now))): no run is measured, gated or exported in the future."
            )
        }
        guard run.status == .completed else {
            throw invalid("run.status", "is \(run.status.rawValue), and only a completed run can be a baseline.")
        }
        do {
            try Testbed.validateGiven(run.testbed)
        } catch {
            throw invalid("run.testbed", "\(error.description)")
        }
        if let name {
            do {
                try BaselineName.validateGiven(name)
            } catch {
                throw invalid("name", "\(error.description)")
            }
        }
        guard case .object = configuration else { throw invalid("configuration", "expected an object.") }
        if let endedAt = run.endedAt, endedAt < run.startedAt {
            throw invalid("run.endedAt", "is before run.startedAt.")
        }
        guard run.pid > 0 else { throw invalid("run.pid", "must be a process id of 1 or more.") }
        for (index, decision) in decisions.enumerated() {
            let at = "decisions[\(index)].document"
            let kind: StrictJSON.Kind
            do {
                kind = try StrictJSON.check(decision.document)
            } catch {
                throw invalid(at, "is refused\(error.keyPath.map { " at \"\($0)\"" } ?? ""): \(error.reason)")
            }
            guard kind == .object else { throw invalid(at, "is not a JSON object, as a stored decision is.") }
        }
        let specs = try self.specs.enumerated().map { index, spec throws(BaselineFileError) in
            try spec.result(at: "specs[\(index)]", invalid: invalid)
        }
        try BaselineFileCheck.specs(
            specs, summaries: summaries, runSeconds: run.endedAt.map { $0.timeIntervalSince(run.startedAt) },
            invalid: invalid)
        let record = RunRecord(
            id: run.id, uuid: run.uuid, testbed: run.testbed, startedAt: run.startedAt, endedAt: run.endedAt,
            status: run.status,
            reason: run.reason, suite: run.suite, label: run.label, gitCommit: run.gitCommit,
            toolVersion: run.toolVersion,
            configurationJSON: configuration.text, purpose: run.purpose, parentRunID: nil, host: run.host, pid: run.pid)
        let portable = PortableRun(
            run: record, parentUUID: run.parentUUID, environment: environment, specs: specs, decisions: decisions,
            alerts: alerts)
        var file = BaselineFile(
            name: name, run: portable, summaries: summaries, exportedAt: exportedAt, toolVersion: toolVersion)
        file.formatVersion = formatVersion
        return file
    }
}

/// A spec as the file writes it: the phases of a sample are an object (`{"create": 0.021, "start":
/// 0.31}`), so that the file reads well and is written the same way every time.
struct FileSpec: Codable {
    var spec: String
    var samples: [FileSample]
    var checks: [CheckResult]
    var failures: [SampleFailure]
    var notes: [String]
    var containers: [ContainerRecord]
    var wallSeconds: Double

    struct FileSample: Codable {
        var metric: MetricID
        var iteration: Int
        var value: Double
        var phases: [String: Double]?
    }

    init(_ spec: SpecResult) {
        self.spec = spec.spec
        samples = spec.samples.map { sample in
            FileSample(
                metric: sample.metric, iteration: sample.iteration, value: sample.value,
                phases: sample.phases.map {
                    Dictionary(uniqueKeysWithValues: $0.recorded.map { ($0.phase.rawValue, $0.seconds) })
                })
        }
        checks = spec.checks
        failures = spec.failures
        notes = spec.notes
        containers = spec.containers
        wallSeconds = spec.wallSeconds
    }

    func result(at keyPath: String, invalid: (String, String) -> BaselineFileError) throws(BaselineFileError)
        -> SpecResult
    {
        var result = SpecResult(
            spec: spec, checks: checks, failures: failures, notes: notes, containers: containers,
            wallSeconds: wallSeconds)
        for (index, sample) in samples.enumerated() {
            var phases: PhaseTimings?
            if let named = sample.phases {
                var timings = PhaseTimings()
                for (name, seconds) in named {
                    guard let phase = LifecyclePhase(rawValue: name) else {
                        throw invalid(
                            "\(keyPath).samples[\(index)].phases",
                            "\"\(name)\" is not a lifecycle phase (create, start, run, logs, remove).")
                    }
                    timings[phase] = seconds
                }
                phases = timings
            }
            result.samples.append(
                Sample(metric: sample.metric, iteration: sample.iteration, value: sample.value, phases: phases))
        }
        return result
    }
}

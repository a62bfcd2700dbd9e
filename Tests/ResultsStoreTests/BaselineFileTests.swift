import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// The baseline file: what `baseline export` writes and `baseline import` / `--baseline-file` read.
@Suite struct BaselineFileTests {
    /// A stored completed run with a creation spec and a fuller spec, exported as a file.
    static func exported(_ store: any ResultsStore, name: String? = "nightly") async throws -> BaselineFile {
        let id = try await store.storeRun(
            startedAt: date("2026-01-02T02:00:00.123Z"), label: "night",
            specs: [SpecExamples.creation(), SpecExamples.full()])
        try await store.recordEnvironment(
            EnvironmentFingerprint(
                host: "bench", cpuModel: "Test CPU", cpuCount: 2, memoryBytes: 8 << 30, kernel: "6.1.0",
                os: "Debian 12",
                dockerVersion: "20.10.24", apiVersion: "1.41", containerdVersion: "1.6.20", runcVersion: "1.1.5",
                storageDriver: "overlay2", cgroupVersion: "2", defaultRuntime: "runc", imageID: "sha256:abc",
                seccompProfileHash: "default"),
            for: id)
        return try await store.read {
            try $0.baselineFile(run: id, name: name, exportedAt: date("2026-01-03T00:00:00.000Z"))
        }
    }

    static func data(_ text: String) -> Data { Data(text.utf8) }

    @Test func aFileReadsBackAsTheRunItWasWrittenFrom() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let file = try await Self.exported(try await database.open())
        let json = try file.json()
        let read = try BaselineFile(json: Self.data(json), source: "nightly.json")
        #expect(read == file)
        #expect(try read.json() == json)
        // Self-describing: the format, its version and the tool name themselves; the configuration is an object.
        let object = try #require(try JSONSerialization.jsonObject(with: Self.data(json)) as? [String: Any])
        #expect(object["format"] as? String == "sandbox-bench.baseline")
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["toolVersion"] as? String == ToolVersion.current)
        #expect(object["configuration"] is [String: Any])
        #expect((object["summaries"] as? [Any])?.isEmpty == false)
        #expect(
            file.label(fileName: "nightly.json")
                == "file nightly.json (baseline \"nightly\", run 1 of \(Testbed.defaultName))")
    }

    @Test func importingTheFileIntoAnotherStoreKeepsTheRunAndIsIdempotent() async throws {
        let source = try TestDatabase()
        let target = try TestDatabase()
        defer {
            source.remove()
            target.remove()
        }
        let file = try BaselineFile(
            json: Self.data(try await Self.exported(try await source.open()).json()), source: "f")
        let store = try await target.open()
        let first = try await store.importRun(file.run)
        #expect(first == .stored(id: 1))
        #expect(try await store.importRun(file.run) == .alreadyPresent(id: 1))
        let again = try await store.read { try $0.baselineFile(run: 1, name: "nightly", exportedAt: file.exportedAt) }
        #expect(again.run.specs == file.run.specs)
        #expect(again.run.run.uuid == file.run.run.uuid)
        #expect(again.summaries == file.summaries)
    }

    @Test func onlyACompletedRunIsExported() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let store = try await database.open()
        let failed = try await store.storeRun(status: .failed, startedAt: date("2026-01-02T02:00:00.000Z"))
        await #expect(throws: StoreError.baselineNeedsCompletedRun(id: failed, status: .failed)) {
            _ = try await store.read { try $0.baselineFile(run: failed, name: nil) }
        }
    }

    /// Each damaged or foreign file is refused with one sentence naming what is wrong.
    @Test func whatIsNotAValidBaselineFileIsRefusedInOneSentence() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let good = try await Self.exported(try await database.open()).json()
        func refusal(_ text: String) -> BaselineFileError? {
            do {
                _ = try BaselineFile(json: Self.data(text), source: "f.json")
                return nil
            } catch {
                return error
            }
        }
        func edited(_ change: (inout [String: Any]) -> Void) throws -> String {
            var object = try #require(try JSONSerialization.jsonObject(with: Self.data(good)) as? [String: Any])
            change(&object)
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        #expect(refusal("not json") == .notJSON(source: "f.json"))
        #expect(refusal("[1, 2]") == .notJSON(source: "f.json"))
        #expect(
            refusal("{\"format\": \"something-else\"}") == .notABaselineFile(source: "f.json", format: "something-else")
        )
        #expect(refusal(try edited { $0["formatVersion"] = 2 }) == .newerFormat(source: "f.json", version: 2))
        #expect(
            refusal(try edited { $0["formatVersion"] = 0 })
                == .invalid(source: "f.json", keyPath: "formatVersion", reason: "must be a whole number of 1 or more."))
        #expect(
            refusal(try edited { $0["specs"] = nil })
                == .invalid(source: "f.json", keyPath: "specs", reason: "is missing."))
        #expect(
            refusal(try edited { $0["summaries"] = [] })
                == .invalid(
                    source: "f.json", keyPath: "summaries",
                    reason: "creation.create_start_s has samples but no summary."))
        #expect(
            refusal(
                try edited { object in
                    var run = object["run"] as! [String: Any]
                    run["status"] = "failed"
                    object["run"] = run
                })
                == .invalid(
                    source: "f.json", keyPath: "run.status",
                    reason: "is failed, and only a completed run can be a baseline."))
        #expect(
            refusal(
                try edited { object in
                    var run = object["run"] as! [String: Any]
                    run["uuid"] = "not-a-uuid"
                    object["run"] = run
                })?.description.contains("at \"run.uuid\"") == true)
        #expect(
            refusal(
                try edited { object in
                    var specs = object["specs"] as! [[String: Any]]
                    var samples = specs[0]["samples"] as! [[String: Any]]
                    samples.removeLast()
                    specs[0]["samples"] = samples
                    object["specs"] = specs
                })?.description.contains("summaries") == true)
        // A time below 0 is no measurement: refused, as a non-finite one is.
        #expect(
            refusal(
                try edited { object in
                    var specs = object["specs"] as! [[String: Any]]
                    var samples = specs[0]["samples"] as! [[String: Any]]
                    samples[0]["value"] = -5.0
                    specs[0]["samples"] = samples
                    object["specs"] = specs
                })
                == .invalid(
                    source: "f.json", keyPath: "specs[0].samples[0].value",
                    reason: "must be a time of 0 s or more for creation.create_start_s."))
        // Times and numbers that cannot be a run's: each refused where it stands.
        func editedRun(_ change: @escaping (inout [String: Any]) -> Void) throws -> String {
            try edited { object in
                var run = object["run"] as! [String: Any]
                change(&run)
                object["run"] = run
            }
        }
        #expect(
            refusal(try editedRun { $0["startedAt"] = "2026-02-30T00:00:00.000Z" })?.description.contains(
                "at \"run.startedAt\"") == true)
        #expect(
            refusal(try editedRun { $0["startedAt"] = "2026-12-01T25:00:00.000Z" })?.description.contains(
                "at \"run.startedAt\"") == true)
        // A fraction of a hundred digits crashed the date parser (the baseline-file fuzz target).
        #expect(
            refusal(
                try editedRun { $0["endedAt"] = "2026-12-02T00:57:04.9" + String(repeating: "3", count: 120) + "Z" })?
                .description.contains("at \"run.endedAt\"") == true)
        #expect(
            refusal(try editedRun { $0["endedAt"] = "2001-01-01T00:00:00.000Z" })
                == .invalid(source: "f.json", keyPath: "run.endedAt", reason: "is before run.startedAt."))
        #expect(
            refusal(try editedRun { $0["pid"] = -1 })
                == .invalid(source: "f.json", keyPath: "run.pid", reason: "must be a process id of 1 or more."))
        #expect(
            refusal(
                try edited { object in
                    var specs = object["specs"] as! [[String: Any]]
                    var samples = specs[0]["samples"] as! [[String: Any]]
                    samples[1]["iteration"] = samples[0]["iteration"]
                    specs[0]["samples"] = samples
                    object["specs"] = specs
                })?.description.contains("twice") == true)
        // A key this version does not know is a newer field of the same version: ignored.
        #expect(refusal(try edited { $0["laterField"] = "x" }) == nil)
        for text in ["not json", try edited { $0["formatVersion"] = 9 }] {
            let sentence = try #require(refusal(text)).description
            #expect(!sentence.contains("\n"))
            #expect(sentence.contains("f.json"))
        }
    }

    /// A sample's `value` twice (99.0, then 0.06) is refused at its path: Foundation would keep the
    /// first and every other tool the last, so the gate and a person reading the file would disagree.
    @Test func aKeyTwiceIsRefusedAtItsPathWhereverItStands() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let good = try await Self.exported(try await database.open()).json()
        func refusal(_ text: String) -> BaselineFileError? {
            do {
                _ = try BaselineFile(json: Self.data(text), source: "f.json")
                return nil
            } catch {
                return error
            }
        }
        let specs = try #require(good.range(of: "\"specs\""))
        let value = try #require(good.range(of: "\"value\" : ", range: specs.upperBound..<good.endIndex))
        var twice = good
        twice.insert(contentsOf: "\"value\" : 99.0, ", at: value.lowerBound)
        let refused = try #require(refusal(twice))
        #expect(refused.description.hasPrefix("The baseline file f.json is invalid at \"specs[0].samples[0].value\": "))
        #expect(refused.description.contains("the key appears twice in one object"))
        // At the top level, with the second spelt with an escape.
        #expect(good.hasPrefix("{\n"))
        let escaped = "{\n  \"n\\u0061me\" : \"x\",\n" + good.dropFirst(2)
        #expect(refusal(escaped)?.description.contains("invalid at \"name\": the key appears twice") == true)
        // Inside the run's configuration (here an empty object), which is stored as it is.
        let configuration = good.replacingOccurrences(
            of: "\"configuration\" : {", with: "\"configuration\" : {\"cpuCount\": 64, \"cpuCount\": 2")
        #expect(refusal(configuration)?.description.contains("invalid at \"configuration.cpuCount\"") == true)
        #expect(refusal(good) == nil)
    }

    @Test func aFileThatCannotBeReadSaysWhy() throws {
        #expect(throws: BaselineFileError.unreadable(source: "/nonexistent/nightly.json", reason: "it does not exist"))
        {
            _ = try BaselineFile.read(path: "/nonexistent/nightly.json")
        }
        #expect(throws: BaselineFileError.unreadable(source: "/tmp", reason: "it is a directory")) {
            _ = try BaselineFile.read(path: "/tmp")
        }
    }
}

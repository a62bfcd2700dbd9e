import BenchModel
import Foundation
import StoreTestSupport
import Testing

@testable import ResultsStore

/// A baseline file is compared with as it is, so its figures must be ones a run could have
/// measured, as the tool's own samples must: each impossible entry is refused where it stands.
@Suite struct BaselineFilePhysicsTests {
    @Test func figuresNoRunCouldHaveMeasuredAreRefusedNamingTheEntry() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let good = try await BaselineFileTests.exported(try await database.open()).json()
        func refusal(_ change: (inout [String: Any]) -> Void) throws -> BaselineFileError? {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(good.utf8)) as? [String: Any])
            change(&object)
            do {
                _ = try BaselineFile(json: try JSONSerialization.data(withJSONObject: object), source: "f.json")
                return nil
            } catch let error as BaselineFileError {
                return error
            } catch {
                Issue.record("unexpected \(error)")
                return nil
            }
        }
        func sample(_ index: Int, of spec: Int = 0, _ change: @escaping (inout [String: Any]) -> Void) throws
            -> BaselineFileError?
        {
            try refusal { object in
                var specs = object["specs"] as! [[String: Any]]
                var samples = specs[spec]["samples"] as! [[String: Any]]
                change(&samples[index])
                specs[spec]["samples"] = samples
                object["specs"] = specs
            }
        }
        #expect(try refusal { _ in } == nil)
        // Creation at 1e300 s passes any slowdown; 0 s is no duration.
        let huge = try #require(try sample(0) { $0["value"] = 1e300 })
        #expect(huge.description.contains("at \"specs[0].samples[0].value\""))
        #expect(huge.description.contains("longer than the 4.20 s its spec took"))
        let zero = try #require(try sample(1) { $0["value"] = 0.0 })
        #expect(zero.description.contains("at \"specs[0].samples[1].value\""))
        #expect(zero.description.contains("not a duration"))
        // Phases summing past the time their spec took.
        let phases = try #require(
            try sample(0) { sample in
                var timings = sample["phases"] as! [String: Any]
                timings["start"] = 50.0
                sample["phases"] = timings
            })
        #expect(phases.description.contains("at \"specs[0].samples[0].phases\""))
        // A creation sample filed under the e2e spec.
        let misfiled = try #require(
            try refusal { object in
                var specs = object["specs"] as! [[String: Any]]
                var creation = specs[0]["samples"] as! [[String: Any]]
                var e2e = specs[1]["samples"] as! [[String: Any]]
                e2e.append(creation.removeLast())
                specs[0]["samples"] = creation
                specs[1]["samples"] = e2e
                object["specs"] = specs
            })
        #expect(misfiled.description.contains("is filed under the spec e2e; its samples belong to creation"))
        // Two summaries of one metric, and a summary that contradicts the samples.
        func summaries(_ change: @escaping (inout [[String: Any]]) -> Void) throws -> BaselineFileError? {
            try refusal { object in
                var list = object["summaries"] as! [[String: Any]]
                change(&list)
                object["summaries"] = list
            }
        }
        let creation = { (list: [[String: Any]]) in
            list.firstIndex { $0["metric"] as? String == "creation.create_start_s" }!
        }
        let twice = try #require(try summaries { $0.append($0[creation($0)]) })
        #expect(twice.description.contains("creation.create_start_s is summarized twice"))
        let contradicts = try #require(try summaries { $0[creation($0)]["median"] = 10.0 })
        #expect(contradicts.description.contains(".median\": is 10.0, but the file's samples"))
        // A creation time three times its own create and start phases.
        let tripled = try #require(try sample(0) { $0["value"] = ($0["value"] as! Double) * 3 })
        #expect(tripled.description.contains("at \"specs[0].samples[0].value\""))
        #expect(tripled.description.contains("is not the sum of its own phases create + start"))
        // Phases removed and a value raised: the samples no longer fit one after another in their spec.
        let unphased = try #require(
            try sample(0) { sample in
                sample["phases"] = nil
                sample["value"] = 4.0
            })
        #expect(unphased.description.contains("at \"specs[0].samples[1].value\""), "\(unphased)")
        #expect(unphased.description.contains("sum to 4.35 s, more than the 4.20 s their spec took"))
    }

    /// No run starts, ends, is gated or exported in the future: a file dated ahead of this host's
    /// clock (beyond a small skew) is refused at the time, so that it can never come after later runs.
    @Test func timesAfterThisHostsClockAreRefused() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let good = try await BaselineFileTests.exported(try await database.open()).json()
        let exported = try #require(ISO8601Milliseconds.date(from: "2026-01-03T00:00:00.000Z"))
        // Read a minute after its export, and within the allowed skew of it: accepted.
        _ = try BaselineFile(json: Data(good.utf8), source: "f.json", now: exported.addingTimeInterval(60))
        _ = try BaselineFile(json: Data(good.utf8), source: "f.json", now: exported.addingTimeInterval(-200))
        // Read six hours before its export (after the run): the export is in the future.
        let early = try #require(
            #expect(throws: BaselineFileError.self) {
                try BaselineFile(json: Data(good.utf8), source: "f.json", now: exported.addingTimeInterval(-21_600))
            })
        #expect(early.description.contains("at \"exportedAt\""), "\(early)")
        #expect(early.description.contains("after this host's clock"))
        // A run claiming to start in 2099.
        let future = good.replacingOccurrences(
            of: "\"startedAt\" : \"2026-01-02T02:00:00.123Z\"",
            with: "\"startedAt\" : \"2099-01-01T00:00:00.000Z\"")
        #expect(future != good)
        let refused = try #require(
            #expect(throws: BaselineFileError.self) { try BaselineFile(json: Data(future.utf8), source: "f.json") })
        #expect(refused.description.contains("2099-01-01T00:00:00.000Z, after this host's clock"), "\(refused)")
    }
}

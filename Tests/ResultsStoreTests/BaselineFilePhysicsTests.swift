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
        #expect(huge.description.contains("longer than the 4.200 s its spec took"))
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
    }
}

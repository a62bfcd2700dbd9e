import BenchModel
import Foundation
import ResultsStore
import TestSupport
import Testing

/// `compare` as the README's recipe runs it: runc with Docker's default seccomp profile, runc with
/// a stricter profile file, and gVisor, on a private engine that registers Debian's `runsc`. Where
/// Docker is required (CI), a missing `runsc` fails this test rather than skipping it.
@Suite(.needsDockerEngine, .serialized)
struct CompareEndToEndTests {
    /// The tool's own seccomp profile file with `mknod` and `mknodat` no longer allowed: stricter
    /// than Docker's default, and still enough for Python.
    static func stricterSeccompProfile() throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Sandbox/Resources/seccomp_profile.json")
        // The file has CRLF line ends, which Swift reads as one Character each.
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        let removed: Set<String> = [#""mknod","#, #""mknodat","#]
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !removed.contains($0.trimmingCharacters(in: .whitespaces))
        }
        #expect(kept.count == text.split(separator: "\n", omittingEmptySubsequences: false).count - 2)
        return kept.joined(separator: "\n")
    }

    @Test func threeSandboxesSideBySide() async throws {
        try await GVisorRuntimeTests.withGVisorEngine { engine, cli in
            let strictProfile = cli.directory.file("strict-seccomp.json")
            try Self.stricterSeccompProfile().write(toFile: strictProfile, atomically: true, encoding: .utf8)
            let profiles = [
                ("runc.json", #"{"engine": "\#(engine.dockerHost)", "runtime": "runc"}"#),
                (
                    "strict.json",
                    #"{"engine": "\#(engine.dockerHost)", "runtime": "runc", "seccomp": "profile", "#
                        + #""seccompProfilePath": "\#(strictProfile)"}"#
                ),
                ("gvisor.json", #"{"engine": "\#(engine.dockerHost)", "runtime": "runsc"}"#),
            ]
            for (name, text) in profiles {
                try text.write(toFile: cli.directory.file(name), atomically: true, encoding: .utf8)
            }
            let out = cli.directory.file("matrix")
            let outcome = try await cli.run(
                ["compare"] + profiles.map { cli.directory.file($0.0) } + [
                    "--spec", "creation", "--spec", "warm", "--spec", "security", "--min-samples", "3",
                    "--max-samples", "3", "--out", out,
                ])
            // Three pairs cannot make a rank test significant: no relative rule alerts, nothing is lost.
            #expect(outcome.exitCode == 0, "\(outcome.stdout)\(outcome.stderr)")
            for text in [
                "A: runc.json", "B: strict.json", "C: gvisor.json", "creation (create + start)",
                "warm exec overhead", "memory per idle sandbox", "isolation properties held", "12 of 12 (+1 vs A)",
                "gains host kernel not directly reachable", "Report: ",
            ] {
                #expect(outcome.stdout.contains(text), "\(text): \(outcome.stdout)")
            }
            for name in ["compare-1.html", "compare-1.md", "compare-1.json"] {
                #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
            }
            struct Document: Decodable {
                struct Column: Decodable {
                    var runtime: String
                    var figures: [String: Double?]
                    var properties_lost: [String]
                }
                var columns: [Column]
            }
            let document = try StrictJSONDecoder().decode(
                Document.self, from: try String(contentsOfFile: out + "/compare-1.json", encoding: .utf8))
            #expect(document.columns.map(\.runtime) == ["runc", "runc", "runsc"])
            #expect(document.columns.allSatisfy { $0.properties_lost.isEmpty })
            #expect(document.columns.allSatisfy { ($0.figures["creation"] ?? nil) != nil })
            #expect(document.columns[0].figures["isolation_properties_held"] == 11)
            #expect(document.columns[2].figures["isolation_properties_held"] == 12)

            // Three runs, linked: each later one's decision names the first as its baseline.
            let store = try await cli.store()
            for run: Int64 in [2, 3] {
                let decision = try #require(try await store.read { try $0.decisions(run: run) }.last)
                #expect(decision.baseline.kind == "compare")
                #expect(decision.baseline.runs.map(\.id) == [1])
            }
            let violations = try await store.samples(run: 3, metric: "security.violations").map(\.sample.value)
            #expect(violations == [0])
            await store.close()
            let left = try await EngineFaultTests.leftovers(on: engine)
            #expect(left.containers.isEmpty && left.volumes.isEmpty)
        }
    }
}

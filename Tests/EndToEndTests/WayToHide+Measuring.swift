import BenchModel
import Foundation
import ResultsStore
import TestSupport
import Testing

/// Ways that act while something measures or reports: the run lock pointed at the results,
/// `ab`'s two sides, and output streams that cannot take what the gate prints.
extension WayToHide {
    static let measuring = lock + ab + streams

    static let quickRun = ["run", "--spec", "creation", "--iterations", "2", "--no-report"]

    static let lock: [WayToHide] = [
        WayToHide(.lockPath, "a link at the run lock's path to a file of the user's") { scene in
            // A file another user's run would truncate, were the link followed.
            let precious = scene.file("precious.json")
            try #"{"kept": true}"#.write(toFile: precious, atomically: true, encoding: .utf8)
            let link = scene.file("run.lock.link")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: precious)
            let before = try scene.databaseBytes()
            let refused = try await scene.measure(quickRun, environment: ["SANDBOX_BENCH_LOCK": link])
            #expect(refused.exitCode == 3, "\(refused.stdout)\(refused.stderr)")
            #expect(
                refused.stderr.contains("is a symbolic link, which the run lock never follows"), "\(refused.stderr)")
            #expect(try String(contentsOfFile: precious, encoding: .utf8) == #"{"kept": true}"#)
            #expect(try scene.databaseBytes() == before, "nothing measured, nothing stored")
            return Ending(try await scene.gate())
        },
        WayToHide(.lockPath, "a link at the run lock's path to the results database") { scene in
            let link = scene.file("run.lock.link")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scene.cli.database)
            let before = try scene.databaseBytes()
            let refused = try await scene.measure(quickRun, environment: ["SANDBOX_BENCH_LOCK": link])
            #expect(refused.exitCode == 2, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("is the results database"), "\(refused.stderr)")
            #expect(try scene.databaseBytes() == before, "the baseline's database is as it was")
            return Ending(try await scene.gate())
        },
        WayToHide(.lockPath, "the run lock's path naming the results database") { scene in
            let before = try scene.databaseBytes()
            let refused = try await scene.measure(
                quickRun + ["--wait-lock", "5"], environment: ["SANDBOX_BENCH_LOCK": scene.cli.database])
            #expect(refused.exitCode == 2, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("is the results database"), "\(refused.stderr)")
            #expect(try scene.databaseBytes() == before, "the baseline's database is as it was")
            return Ending(try await scene.gate())
        },
    ]

    /// `ab A.json B.json`: A on this process's engine (its profile names none), B on the private
    /// engine (slowed for the slow candidate); or both on one engine, B with a far tighter CPU
    /// limit. Six samples a side: the fewest with which the signed-rank test, which `ab` requires
    /// of an alert, can reach p < 0.05.
    static let ab: [WayToHide] = [
        WayToHide(.abEngines, "ab with A and B on different engines, B's the slower one") { scene in
            let a = scene.file("A.json")
            try "{}".write(toFile: a, atomically: true, encoding: .utf8)
            let b = scene.file("B.json")
            try #"{"engine": "\#(scene.engine.dockerHost)"}"#.write(toFile: b, atomically: true, encoding: .utf8)
            let outcome = try await scene.measure(
                ["ab", a, b, "--suite", "quick", "--spec", "creation", "--min-samples", "6", "--max-samples", "6"]
                    + ["--out", scene.file("reports")] + MeasuredRuns.limit,
                onPrivateEngine: false)
            let first = outcome.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(
                first.hasPrefix(
                    "A and B measured on different engines: A on \(defaultEngine), B on \(scene.engine.dockerHost)"),
                "said first: \(outcome.stdout)")
            let store = try await scene.cli.store()
            let decision = try await store.decisions(run: 4).last
            await store.close()
            #expect(decision?.baseline.label?.contains("on another engine") == true, "\(String(describing: decision))")
            #expect(decision?.verdict == (scene.isSlow ? .alert : .passed))
            return Ending(outcome)
        },
        WayToHide(.abMaxSamples, "ab --max-samples 6 below the minimum, B with a far tighter CPU limit") { scene in
            let a = scene.file("A.json")
            try "{}".write(toFile: a, atomically: true, encoding: .utf8)
            let b = scene.file("B.json")
            // 0.01 CPU: a container's start (runc's init, in the container's cgroup) crawls.
            try (scene.isSlow ? #"{"cpus": 0.01}"# : "{}").write(toFile: b, atomically: true, encoding: .utf8)
            let outcome = try await scene.run(
                ["ab", a, b, "--suite", "quick", "--spec", "creation", "--max-samples", "6"]
                    + ["--out", scene.file("reports")] + MeasuredRuns.interleavedLimit)
            let store = try await scene.cli.store()
            for run: Int64 in [3, 4] {
                #expect(try await store.samples(run: run, metric: .creationTime).count == 6, "run \(run)")
            }
            await store.close()
            return Ending(outcome)
        },
    ]

    /// The gate with stdout and stderr closed, on a full device and on a pipe whose reader has
    /// gone: the exit code is the verdict's (a clean pass whose output was lost to a full device is
    /// exit 3, as documented), and the decision is stored either way.
    static let streams: [WayToHide] =
        BrokenStreams.allCases.map { streams in
            WayToHide(
                .brokenStreams, "gate with \(streams)", slow: .storedAlert,
                clean: streams == .full ? .init(3, ": passed") : .storedPass
            ) { scene in
                let ending = try await scene.cli.binary.run(
                    ["gate", "2"] + MeasuredRuns.limit, streams: streams, environment: scene.cli.environment)
                let store = try await scene.cli.store()
                let decision = try await store.decisions(run: 2).last
                await store.close()
                #expect(decision?.verdict == (scene.isSlow ? .alert : .passed), "\(String(describing: decision))")
                return Ending(ending, stored: try await scene.run(["runs", "show", "2"]).stdout)
            }
        } + [
            WayToHide(
                .brokenStreams, "run --gate measuring the candidate on a pipe whose reader has gone",
                slow: .storedAlert, clean: .storedPass
            ) { scene in
                try scene.startFromTheBaselineAlone()
                let ending = try await scene.atCandidateSpeed {
                    try await scene.cli.binary.run(
                        ["run", "--spec", "creation", "--iterations", "3", "--no-report", "--gate"]
                            + MeasuredRuns.limit,
                        streams: .closedPipe,
                        environment: scene.cli.environment.merging(scene.engine.environment) { $1 })
                }
                let store = try await scene.cli.store()
                #expect(try await store.run(2).status == .completed)
                #expect(try await store.decisions(run: 2).last?.verdict == (scene.isSlow ? .alert : .passed))
                await store.close()
                return Ending(ending, stored: try await scene.run(["runs", "show", "2"]).stdout)
            }
        ]
}

extension WayToHide.Expected {
    /// What `runs show` says of the stored decision of a gate whose streams carried nothing.
    static let storedAlert = Self(1, "FAILED, 1 alert")
    static let storedPass = Self(0, ": passed")
}

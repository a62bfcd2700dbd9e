import BenchSuite
import Foundation
import Testing

@Suite struct CodeSampleTests {
    @Test func instrumentedOutputSplitsTheCodesOutputFromItsTiming() {
        let output = InstrumentedOutput(stdout: "hello\n__sandbox_bench_code_s=0.000123456\n")
        #expect(output.codeOutput == "hello\n")
        #expect(output.codeSeconds == 0.000123456)
    }

    @Test func aMarkerInsideTheCodesOwnLineIsNotTheTiming() {
        let output = InstrumentedOutput(stdout: "x__sandbox_bench_code_s=5\n")
        #expect(output.codeOutput == "x__sandbox_bench_code_s=5\n")
        #expect(output.codeSeconds == nil)
    }

    @Test func outputWithoutTheMarkerIsTheCodesOutput() {
        let output = InstrumentedOutput(stdout: "Traceback...\n")
        #expect(output.codeOutput == "Traceback...\n")
        #expect(output.codeSeconds == nil)
    }

    /// The wrapper must run the sample unchanged; a host interpreter checks the generated Python.
    @Test(arguments: [
        CodeSample.simple, .compute,
        CodeSample(
            name: "tricky", source: "print(\"quote \\\" back\\\\ tab\\t é ✓\")\n",
            expectedOutput: "quote \" back\\ tab\t é ✓\n"),
    ])
    func theInstrumentedSourceRunsTheSampleUnchanged(sample: CodeSample) async throws {
        let interpreter = try await HostInterpreter.resolve("python3", timeout: .seconds(60))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-bench-code-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("code.py").path
        try sample.instrumented.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await interpreter.run(file: file)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let output = InstrumentedOutput(stdout: result.stdout)
        #expect(output.codeOutput == sample.expectedOutput)
        #expect((output.codeSeconds ?? -1) >= 0)
    }

    @Test func theHostInterpreterResolvesToARealExecutableNotAShim() async throws {
        let interpreter = try await HostInterpreter.resolve("python3", timeout: .seconds(60))
        #expect(FileManager.default.isExecutableFile(atPath: interpreter.executable))
        #expect(!interpreter.executable.contains("/shims/"))
        #expect(interpreter.version.hasPrefix("3."))
    }

    @Test func aMissingModuleIsReportedWithTheReason() async throws {
        let interpreter = try await HostInterpreter.resolve("python3", timeout: .seconds(60))
        let reason = try #require(await interpreter.missingModuleReason("sandbox_bench_no_such_module"))
        #expect(reason.contains("sandbox_bench_no_such_module"))
        #expect(await interpreter.missingModuleReason("json") == nil)
    }
}

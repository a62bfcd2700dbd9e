import Foundation

/// The original pytest suite's code samples, each with what it must print: a sample counts only if the code ran
/// and printed exactly that. Its compute and pandas snippets printed nothing, so a final
/// `print` of their result is added — the work they do is unchanged.
package struct CodeSample: Sendable, Equatable {
    package let name: String
    package let source: String
    package let expectedOutput: String

    package init(name: String, source: String, expectedOutput: String) {
        self.name = name
        self.source = source
        self.expectedOutput = expectedOutput
    }

    package static let simple = CodeSample(name: "simple", source: "print('hello')\n", expectedOutput: "hello\n")

    package static let compute = CodeSample(
        name: "compute",
        source: """
            result = sum(i**2 for i in range(1000))
            print(result)

            """,
        expectedOutput: "332833500\n")

    package static let pandas = CodeSample(
        name: "pandas",
        source: """
            import pandas as pd
            import numpy as np

            df = pd.DataFrame({
                'a': np.random.randn(100),
                'b': np.random.randn(100)
            })
            signal = df['a'] + df['b']
            print(len(signal))

            """,
        expectedOutput: "100\n")

    /// Code that stays alive until its container is removed, for measurements on live containers.
    package static let idle = CodeSample(name: "idle", source: "import time\ntime.sleep(600)\n", expectedOutput: "")

    /// The source wrapped so that the interpreter times the code itself and prints the seconds on
    /// a last line of its own; ``InstrumentedOutput`` takes that line off again.
    package var instrumented: String {
        """
        import time as _sandbox_bench_time
        _sandbox_bench_start = _sandbox_bench_time.perf_counter()
        exec(compile(\(Self.pythonStringLiteral(source)), "<\(name)>", "exec"), {"__name__": "__main__"})
        print("\(InstrumentedOutput.marker)%.9f" % (_sandbox_bench_time.perf_counter() - _sandbox_bench_start))

        """
    }

    /// A Python string literal holding `text` exactly: every character outside printable ASCII,
    /// and the quote and backslash, escaped.
    static func pythonStringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\t": literal += "\\t"
            case " "..."~": literal.unicodeScalars.append(scalar)
            default: literal += String(format: "\\U%08x", scalar.value)
            }
        }
        return literal + "\""
    }
}

/// Stdout of an instrumented code sample, split into what the code printed and the seconds the
/// interpreter measured for it.
package struct InstrumentedOutput: Sendable, Equatable {
    package static let marker = "__sandbox_bench_code_s="

    package let codeOutput: String
    package let codeSeconds: Double?

    package init(stdout: String) {
        guard let range = stdout.range(of: "\(Self.marker)", options: .backwards),
            range.lowerBound == stdout.startIndex || stdout[stdout.index(before: range.lowerBound)] == "\n"
        else {
            codeOutput = stdout
            codeSeconds = nil
            return
        }
        codeOutput = String(stdout[..<range.lowerBound])
        codeSeconds = Double(stdout[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

import BenchSuite
import EngineTestSupport
import Foundation
import Synchronization

/// A host interpreter whose processes are scripted: each runs the suite's code as
/// ``SuitePython`` does and takes exactly the seconds ``seconds`` says (by process, from 1),
/// and `import` finds only the modules it is given. What it started is kept, in order.
package final class ScriptedInterpreter: Sendable {
    package let seconds: @Sendable (Int) -> Double
    package let codeSeconds: Double
    package let modules: Set<String>
    private let started = Mutex<[[String]]>([])

    package init(
        seconds: @escaping @Sendable (Int) -> Double = { _ in 0.125 }, codeSeconds: Double = 0.0625,
        modules: Set<String> = []
    ) {
        self.seconds = seconds
        self.codeSeconds = codeSeconds
        self.modules = modules
    }

    /// The arguments of each process it started.
    package var processes: [[String]] { started.withLock { $0 } }

    package var interpreter: HostInterpreter {
        HostInterpreter(
            executable: "/usr/bin/python3", version: "3.11.2", timeout: .seconds(30),
            launch: { _, arguments, _ in self.launch(arguments) })
    }

    func launch(_ arguments: [String]) -> InterpreterRun {
        let ordinal = started.withLock {
            $0.append(arguments)
            return $0.count
        }
        let took = seconds(ordinal)
        if arguments.first == "-c", arguments.count == 2, arguments[1].hasPrefix("import ") {
            let module = String(arguments[1].dropFirst("import ".count))
            guard modules.contains(module) else {
                return InterpreterRun(
                    exitCode: 1, stdout: "",
                    stderr: "Traceback (most recent call last):\nModuleNotFoundError: No module named '\(module)'\n",
                    seconds: took)
            }
            return InterpreterRun(exitCode: 0, stdout: "", seconds: took)
        }
        let code = arguments.last.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        switch SuitePython.output(of: code, codeSeconds: codeSeconds) {
        case .exits(let status, let stdout, let stderr, _)?:
            return InterpreterRun(exitCode: Int32(status), stdout: stdout, stderr: stderr, seconds: took)
        default:
            return InterpreterRun(exitCode: 1, stdout: "", stderr: "no known code\n", seconds: took)
        }
    }
}

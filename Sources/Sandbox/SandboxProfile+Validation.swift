import BenchModel
import EngineInterface
import Foundation

extension SandboxProfile {
    /// The engine refuses a memory limit below 6 MiB; so does the profile, before a run starts.
    package static let minimumMemoryBytes: Int64 = 6 << 20
    /// Generous bounds that keep every figure exact on its way to the engine (nanoseconds of CPU,
    /// milliseconds of timeout) and catch a typo such as `--cpus 1e10`.
    package static let cpuRange: ClosedRange<Double> = 0.01...1024
    package static let timeoutRange: ClosedRange<Double> = 0.001...86_400
    package static let pidsRange: ClosedRange<Int64> = 1...4_194_304

    /// Checks every setting the engine would otherwise refuse half-way through a run, or take to
    /// mean something else (a memory limit of 0 bytes is "no limit" to the engine).
    package func validate() throws(SandboxProfileError) {
        func bad(_ setting: String, _ value: String, _ reason: String) -> SandboxProfileError {
            .invalidSetting(setting: setting, value: value, reason: reason)
        }
        if let problem = ImageReference.problem(image) { throw bad("image", image, problem) }
        guard let interpreter = command.first, !interpreter.isEmpty else {
            throw bad("command", command.joined(separator: " "), "names no interpreter")
        }
        guard !command.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
        else {
            throw bad("command", command.joined(separator: " "), "holds control characters")
        }
        guard memoryBytes >= Self.minimumMemoryBytes else {
            throw bad("memory", ByteSize.format(memoryBytes), "is below the engine's minimum of 6m")
        }
        if let memorySwapBytes, memorySwapBytes < memoryBytes {
            throw bad(
                "memorySwap", ByteSize.format(memorySwapBytes), "is below the memory limit; it is memory plus swap")
        }
        guard cpus.isFinite, Self.cpuRange.contains(cpus) else {
            throw bad("cpus", Self.number(cpus), "is out of range: give a number of CPUs from 0.01 to 1024")
        }
        guard Self.pidsRange.contains(pidsLimit) else {
            throw bad("pidsLimit", String(pidsLimit), "is out of range: give a number of processes from 1 to 4194304")
        }
        do {
            _ = try ByteSize.bytes(tmpfsSize)
        } catch {
            throw bad("tmpfsSize", tmpfsSize, error.reason)
        }
        guard timeoutSeconds.isFinite, Self.timeoutRange.contains(timeoutSeconds) else {
            throw bad(
                "timeoutSeconds", Self.number(timeoutSeconds),
                "is out of range: give seconds from 0.001 to 86400 (a day)")
        }
        let ids = user.split(separator: ":", omittingEmptySubsequences: false)
        guard !user.isEmpty, ids.count <= 2, ids.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) })
        else {
            throw bad("user", user, "is not a user such as 1000:1000 or 1000")
        }
        if let runtime, runtime.isEmpty || runtime.contains(where: \.isWhitespace) {
            throw bad("runtime", runtime, "is not a runtime name")
        }
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : value.isNaN ? "nan" : value < 0 ? "-inf" : "inf"
    }
}

/// A profile that cannot be used. Neutral sentences: the caller says which option or file gave it.
package enum SandboxProfileError: Error, Equatable, CustomStringConvertible {
    case invalidSetting(setting: String, value: String, reason: String)
    case invalidDocument(source: String, problem: DecodingErrorSentence.Problem)
    /// The profile names no engine and `DOCKER_HOST` names none this tool can use.
    case engine(DockerEngineError)

    package var description: String {
        switch self {
        case .invalidSetting(let setting, let value, let reason):
            return "The sandbox profile's \(setting) \(value) \(reason)."
        case .invalidDocument(let source, let problem):
            return "The sandbox profile \(source) is invalid\(problem.clause)"
        case .engine(let error):
            return error.description
        }
    }
}

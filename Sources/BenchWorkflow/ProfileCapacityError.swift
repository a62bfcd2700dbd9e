import BenchModel
import EngineInterface
import Sandbox

/// A sandbox the engine would refuse to create on every iteration: a CPU limit above the CPUs
/// the engine has (the engine answers "Range of CPUs is from 0.01 to N"). Found before the run
/// is stored, so that a mistake in a profile costs no failed run and no time.
package struct ProfileCapacityError: CategorizedError, Sendable {
    package let cpus: Double
    package let engineCPUs: Int
    package let engine: String
    /// The side of a comparison whose profile it is ("B (b.json)"), said first; nil for a run.
    package var side: String?

    package var kind: FailureKind { .badInput }

    package var description: String {
        let asked = cpus.rounded() == cpus ? String(Int(cpus)) : String(cpus)
        return (side.map { "\($0): " } ?? "")
            + "The sandbox's CPU limit (\(asked) CPUs) is more than the \(engineCPUs) CPUs of the engine at "
            + "\(TerminalSafe.inline(engine)), which refuses to create such a container: give the sandbox from "
            + "0.01 to \(engineCPUs) CPUs."
    }

    /// Nil when `profile` fits the engine `info` describes (or the engine does not say its CPUs).
    package static func check(_ profile: SandboxProfile, engine info: SystemInfo) -> ProfileCapacityError? {
        guard let engineCPUs = info.cpuCount, engineCPUs > 0, profile.cpus > Double(engineCPUs) else { return nil }
        return ProfileCapacityError(cpus: profile.cpus, engineCPUs: engineCPUs, engine: profile.engine.description)
    }
}

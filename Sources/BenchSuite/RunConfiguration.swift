import BenchModel
import Foundation
import Sandbox

/// Everything that decides what a run measured, stored with the run as JSON: the plan, the
/// sandbox profile as it is (see `SandboxProfile+Codable.swift`), and the host side.
///
/// A run's specs can be measured again from it (`gate --confirm`): the profile reads its seccomp
/// file again, which must still have the hash the run recorded.
package struct RunConfiguration: Sendable, Codable, Equatable {
    package var plan: SuitePlan
    package var profile: SandboxProfile
    package var hostInterpreter: String?
    package var hostInterpreterVersion: String?
    /// The fingerprint of the seccomp spec's profile-file case (see ``seccompSpecPolicy``).
    package var seccompSpecProfile: String
    package var cpuCount: Int

    package init(
        plan: SuitePlan, profile: SandboxProfile, hostInterpreter: String?, hostInterpreterVersion: String?,
        cpuCount: Int
    ) {
        self.plan = plan
        self.profile = profile
        self.hostInterpreter = hostInterpreter
        self.hostInterpreterVersion = hostInterpreterVersion
        self.seccompSpecProfile = Self.seccompSpecPolicy(for: profile).fingerprint
        self.cpuCount = cpuCount
    }

    /// The seccomp spec's profile-file case: the profile's own file when it has one, else the
    /// original project's profile.
    package static func seccompSpecPolicy(for profile: SandboxProfile) -> SeccompPolicy {
        if case .profile = profile.seccomp { return profile.seccomp }
        return .originalProject
    }

    package var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads the configuration a run stored. The tool never writes a key twice, so a document with
    /// one was changed outside it: the store is damaged (``StoredConfigurationError/damaged(reason:)``).
    package init(json: String) throws(StoredConfigurationError) {
        do {
            self = try StrictJSONDecoder().decode(RunConfiguration.self, from: json)
        } catch let problem as JSONDocumentProblem {
            throw .damaged(reason: problem.summary)
        } catch let error as SandboxProfileError {
            throw .unusable(reason: error.description)
        } catch let error as DecodingError {
            throw .unusable(reason: "it is invalid\(DecodingErrorSentence.describe(error).clause)")
        } catch {
            throw .unusable(reason: "it could not be read.")
        }
    }
}

/// A stored configuration that cannot be measured again.
package enum StoredConfigurationError: CategorizedError, Equatable {
    case unusable(reason: String)
    /// Not JSON as sandbox-bench writes it: the store was changed outside the tool.
    case damaged(reason: String)

    package var kind: FailureKind {
        switch self {
        case .unusable: .badInput
        case .damaged: .environment
        }
    }

    package var description: String {
        switch self {
        case .unusable(let reason):
            return "The run's stored configuration cannot be measured again: \(reason)"
        case .damaged(let reason):
            return "The run's stored configuration was changed outside sandbox-bench (\(reason)); "
                + "restore the results database from a backup."
        }
    }
}

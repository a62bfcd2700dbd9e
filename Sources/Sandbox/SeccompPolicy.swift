import BenchModel
import Foundation

/// Which seccomp filter confines the sandbox.
package enum SeccompPolicy: Sendable, Equatable {
    /// The engine's built-in default profile.
    case dockerDefault
    /// No seccomp filter at all.
    case unconfined
    /// A profile file in Docker's JSON format; `json` is its contents, sent inline as the API requires.
    case profile(path: String, json: String)

    /// The profile the original project confined its sandbox with, built into the binary.
    package static var originalProject: SeccompPolicy {
        .profile(
            path: originalProjectPath, json: String(decoding: PackageResources.seccomp_profile_json, as: UTF8.self))
    }

    /// How a stored profile names the built-in file (it has no path on disk).
    package static let originalProjectPath = "builtin:original-project-seccomp-profile"
    /// The name earlier versions stored for the built-in file.
    static let legacyOriginalProjectPath = "(built in: the original project's seccomp_profile.json)"

    /// A short name for tables and metric names: `default`, `unconfined`, `profile`.
    package var name: String {
        switch self {
        case .dockerDefault: return "default"
        case .unconfined: return "unconfined"
        case .profile: return "profile"
        }
    }

    /// The path of a profile file; nil for the other policies.
    package var path: String? {
        if case .profile(let path, _) = self { return path }
        return nil
    }

    /// The `SecurityOpt` entry, or nil for the engine's default.
    var securityOption: String? {
        switch self {
        case .dockerDefault: return nil
        case .unconfined: return "seccomp=unconfined"
        case .profile(_, let json): return "seccomp=\(json)"
        }
    }

    /// SHA-256 of what confines the sandbox: the profile file's bytes, or the policy's name.
    package var fingerprint: String {
        switch self {
        case .dockerDefault, .unconfined: return name
        case .profile(_, let json): return "sha256:" + SHA256.hex(of: Array(json.utf8))
        }
    }

    /// The policy of the profile file at `path` (or the built-in one), read now and checked to be a
    /// JSON object; when `fingerprint` is given, the file must still have it.
    package static func file(at path: String, expectedFingerprint: String? = nil) throws(SeccompProfileError)
        -> SeccompPolicy
    {
        let policy: SeccompPolicy
        if path == originalProjectPath || path == legacyOriginalProjectPath {
            policy = originalProject
        } else {
            let data: Data
            do {
                data = try InputFile.contents(at: path)
            } catch {
                throw .unreadable(path: path, reason: error.reason)
            }
            // The engine reads the file too (Go's reader keeps the last of two equal keys): a key
            // twice would make what is recorded and what confines the sandbox differ.
            let kind: StrictJSON.Kind
            do {
                kind = try StrictJSON.check(data)
            } catch {
                throw .refused(path: path, problem: error.sentence)
            }
            guard kind == .object else { throw .notAProfile(path: path) }
            policy = .profile(path: path, json: String(decoding: data, as: UTF8.self))
        }
        if let expectedFingerprint, policy.fingerprint != expectedFingerprint {
            throw .changed(path: path)
        }
        return policy
    }
}

/// A seccomp profile file that cannot be used. Neutral sentences: the caller says which option named it.
package enum SeccompProfileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAProfile(path: String)
    /// Not strictly JSON, or a key twice in one object.
    case refused(path: String, problem: DecodingErrorSentence.Problem)
    /// The file no longer has the hash a stored run recorded for it.
    case changed(path: String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "The seccomp profile \(path) cannot be read: \(reason)."
        case .notAProfile(let path):
            return "The seccomp profile \(path) is not a JSON object in Docker's seccomp format."
        case .refused(let path, let problem):
            return "The seccomp profile \(path) is invalid\(problem.clause)"
        case .changed(let path):
            return "The seccomp profile \(path) changed since it was recorded: its SHA-256 differs."
        }
    }
}

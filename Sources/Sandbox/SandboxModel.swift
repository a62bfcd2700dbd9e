/// How a runtime confines a sandbox, which decides how each property of the isolation standard
/// can be verified: runc confines processes on the host's kernel (namespaces, cgroups, seccomp,
/// capabilities — all visible from inside); gVisor (`runsc`) runs them on an application kernel
/// of its own, which shows them no cgroup and no seccomp mode, so its limits are read from outside
/// through the engine. Any other runtime is `unknown` and checked by the generic (runc) list.
package enum SandboxModel: Sendable, Equatable, Codable {
    case runc
    case gVisor
    case unknown(runtime: String)

    /// The model of the runtime `name`, registered with the engine at `path` (nil: not listed).
    /// The executable decides, not the name it was registered under.
    package init(runtime name: String, path: String?) {
        let executable = (path ?? name).split(separator: "/").last.map(String.init) ?? name
        switch executable {
        case "runc": self = .runc
        case "runsc": self = .gVisor
        default: self = .unknown(runtime: name)
        }
    }

    package var name: String {
        switch self {
        case .runc: "runc"
        case .gVisor: "gVisor (runsc)"
        case .unknown(let runtime): "unknown (\(runtime)), checked as runc"
        }
    }
}

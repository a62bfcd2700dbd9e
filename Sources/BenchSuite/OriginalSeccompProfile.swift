import Sandbox

/// The seccomp profile the original project confined its sandbox with, embedded in the binary.
public enum OriginalSeccompProfile {
    public static let path = "(built in: the original project's seccomp_profile.json)"
    public static var json: String { String(decoding: PackageResources.seccomp_profile_json, as: UTF8.self) }
    public static var policy: SeccompPolicy { .profile(path: path, json: json) }
}

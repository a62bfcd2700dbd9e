import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The current user's home folder, as a login shell sets `HOME`: `$HOME` when it is set and not
/// empty, else the home of the user's entry in the password database. A cron job or a systemd
/// unit may start the tool without `HOME`; "/" in its place would put files under `/.local`.
package enum HomeFolder {
    /// `$HOME`, else the password database's home of the real user; nil when neither names one.
    package static func resolve(environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return ofUser(getuid())
    }

    /// The home folder the password database gives `uid`; nil when it has no entry or an empty one.
    package static func ofUser(_ uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let directory = entry.pw_dir
        else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }
}

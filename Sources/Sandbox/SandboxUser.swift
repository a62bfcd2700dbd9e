/// A profile's `user` (`1000:1000`, `root`, `0000:0000`, `+0`, `nobody:0`) read as the engine's
/// runtime reads it, so that root is recognised in every spelling: runc looks the user part up
/// by name in the image's `/etc/passwd` and otherwise takes it as a number the way Go's
/// `strconv.Atoi` parses one — an optional sign, then decimal digits, leading zeros allowed.
/// `root` and any numeric spelling of 0 are uid 0, whatever the group.
package struct SandboxUser: Sendable, Hashable {
    /// The part before the colon: a name or a number.
    package var user: String
    /// The part after the colon, when there is one.
    package var group: String?

    package init(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        user = parts.first.map(String.init) ?? text
        group = parts.count > 1 ? String(parts[1]) : nil
    }

    /// The uid the user part gives without the image: its number, or 0 for `root`; nil for
    /// another name (the image's `/etc/passwd` decides).
    package var uid: Int? {
        user == "root" ? 0 : Self.number(user)
    }

    /// The gid the group part names by number, or 0 for `root`; nil for another name or none.
    package var gid: Int? {
        guard let group else { return nil }
        return group == "root" ? 0 : Self.number(group)
    }

    /// True when the sandbox's process runs as uid 0.
    package var isRoot: Bool { uid == 0 }

    /// A decimal number as Go's `strconv.Atoi` reads it: an optional `+` or `-`, then digits only.
    static func number(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

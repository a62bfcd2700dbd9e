import BenchModel
import Foundation

/// libpq's password file, read as libpq reads it: `PGPASSFILE`, else `~/.pgpass` (the home of
/// `HOME`, else of the password database, as libpq finds it); lines of
/// `hostname:port:database:username:password`, where `*` matches anything and `\` escapes
/// `:` and `\`; the first matching line wins. A file that its group or others may read is
/// ignored, as libpq ignores it (a password there is no secret). For a Unix socket the host
/// field is the socket's folder, or `localhost` for the default folder.
struct PasswordFile {
    /// Where a Debian server's socket is when no folder is named: libpq's own default.
    static let defaultSocketFolders: Set<String> = ["/var/run/postgresql", "/run/postgresql"]

    let lines: [[String]]

    init?(environment: [String: String]) {
        let path =
            environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? HomeFolder.resolve(environment: environment).map { ($0.hasSuffix("/") ? $0 : $0 + "/") + ".pgpass" }
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value, mode & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        self.init(text: text)
    }

    init(text: String) {
        lines = text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.fields(of: line)
            return fields.count == 5 ? fields : nil
        }
    }

    /// `host` is a host name, or nil for the Unix socket in `socketFolder`.
    func password(host: String?, socketFolder: String?, port: Int, database: String, user: String) -> String? {
        var hosts: Set<String> = []
        if let host { hosts.insert(host) }
        if let socketFolder {
            hosts.insert(socketFolder)
            if Self.defaultSocketFolders.contains(socketFolder) { hosts.insert("localhost") }
        }
        let rest = [String(port), database, user]
        return lines.first { fields in
            (fields[0] == "*" || hosts.contains(fields[0]))
                && zip(fields[1..<4], rest).allSatisfy { $0 == "*" || $0 == $1 }
        }?[4]
    }

    /// Splits at unescaped colons and removes the escapes.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

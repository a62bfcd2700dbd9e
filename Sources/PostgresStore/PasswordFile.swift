import Foundation

/// libpq's password file: `PGPASSFILE`, else `~/.pgpass`; lines of
/// `hostname:port:database:username:password`, where `*` matches anything and `\` escapes
/// `:` and `\`. The first matching line wins. For a Unix socket libpq matches `localhost`.
struct PasswordFile {
    let lines: [[String]]

    init?(environment: [String: String]) {
        let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { ($0.hasSuffix("/") ? $0 : $0 + "/") + ".pgpass" }
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        self.init(text: text)
    }

    init(text: String) {
        lines = text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.fields(of: line)
            return fields.count == 5 ? fields : nil
        }
    }

    func password(host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        return lines.first { fields in zip(fields.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 } }?[4]
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

import Foundation
import Migrations

/// The tables and their columns, views, triggers, rules and policies a list of PostgreSQL
/// migration files leaves behind, read from their statements in order: `CREATE`, `DROP` and
/// `ALTER TABLE` (`PostgresSchemaInventory+Columns.swift` for the columns).
struct PostgresSchemaInventory: Equatable {
    /// The table the migrator itself keeps: it is created beside each migration, not in one.
    static let versionTable = "schema_migrations"

    var tables: Set<String> = [versionTable]
    var views: Set<String> = []
    var triggers: Set<String> = []
    var rules: Set<String> = []
    var policies: Set<String> = []
    /// Tables on which a migration enables row-level security.
    var rowSecurity: Set<String> = []
    /// Each table's columns, in the order they were added.
    var columns: [String: [PostgresColumn]] = [:]

    /// `versionTable`: the statement that creates the migrator's own table, read first.
    init(_ migrations: [Migration], versionTable: String = PostgresDialect().createVersionTable) {
        applyColumns(versionTable)
        for migration in migrations {
            for statement in Self.statements(migration.sql) { apply(statement) }
        }
    }

    private static let name = #"("?)([A-Za-z_][A-Za-z0-9_$]*)\1"#

    private mutating func apply(_ statement: String) {
        applyColumns(statement)
        func match(_ pattern: String) -> [String]? {
            guard
                let regex = try? NSRegularExpression(pattern: "^" + pattern, options: [.caseInsensitive]),
                let found = regex.firstMatch(
                    in: statement, range: NSRange(statement.startIndex..., in: statement))
            else { return nil }
            let groups = (0..<found.numberOfRanges).map { index in
                Range(found.range(at: index), in: statement).map { String(statement[$0]) } ?? ""
            }
            // An unquoted name is folded to lower case, as the server folds it.
            return groups.enumerated().map { index, group in
                index > 0 && index % 2 == 0 && groups[index - 1].isEmpty ? group.lowercased() : group
            }
        }
        let n = Self.name
        if let parts = match(#"CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"# + n) {
            tables.insert(parts[2])
        } else if let parts = match(
            #"CREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?"# + n)
        {
            views.insert(parts[2])
        } else if let parts = match(#"CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+"# + n) {
            triggers.insert(parts[2])
        } else if let parts = match(#"CREATE\s+(?:OR\s+REPLACE\s+)?RULE\s+"# + n) {
            rules.insert(parts[2])
        } else if let parts = match(#"CREATE\s+POLICY\s+"# + n) {
            policies.insert(parts[2])
        } else if let parts = match(#"DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?"# + n) {
            tables.remove(parts[2])
            columns[parts[2]] = nil
        } else if let parts = match(#"DROP\s+(?:MATERIALIZED\s+)?VIEW\s+(?:IF\s+EXISTS\s+)?"# + n) {
            views.remove(parts[2])
        } else if let parts = match(#"DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"# + n) {
            triggers.remove(parts[2])
        } else if let parts = match(#"DROP\s+RULE\s+(?:IF\s+EXISTS\s+)?"# + n) {
            rules.remove(parts[2])
        } else if let parts = match(#"DROP\s+POLICY\s+(?:IF\s+EXISTS\s+)?"# + n) {
            policies.remove(parts[2])
        } else if let parts = match(#"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?"# + n + #"\s+RENAME\s+TO\s+"# + n) {
            if tables.remove(parts[2]) != nil { tables.insert(parts[4]) }
            columns[parts[4]] = columns.removeValue(forKey: parts[2])
        } else if let parts = match(
            #"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?"# + n + #"\s+ENABLE\s+ROW\s+LEVEL\s+SECURITY"#)
        {
            rowSecurity.insert(parts[2])
        }
    }

    /// The statements of a migration file, without comments, each trimmed.
    static func statements(_ sql: String) -> [String] {
        let withoutComments = sql.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: "--").map { line[..<$0.lowerBound] } ?? line
        }.joined(separator: "\n")
        return withoutComments.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}

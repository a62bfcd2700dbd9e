import Foundation
import Migrations
import PostgresNIO
import ResultsStore
import SQLStore

/// Refuses a PostgreSQL database whose sandbox-bench tables carry what sandbox-bench did not put
/// there: a trigger (one that deletes every inserted sample makes a run look complete with
/// nothing kept), a rule (`DO INSTEAD NOTHING`), row-level security or a policy (rows hidden from
/// the role that reads them), a table that inherits from one of its tables or is a partition of
/// one (PostgreSQL reads a parent with its children's rows: a child's rows would appear in every
/// read of `samples`), or a view in its schema that is not one of its own. The tables of other
/// names are the user's own and pass; so do indexes.
///
/// What sandbox-bench creates is read from its migration files (``PostgresSchemaInventory``),
/// never from a list kept by hand (a test checks the reading against a migrated database); the
/// server's catalogs say what is there, in one query.
enum PostgresSchemaAudit {
    /// The tables that inherit from (or are partitions of) sandbox-bench's tables: checked on every
    /// open, also a read-only one, since a child's rows appear in every read of its parent.
    static func auditChildren(_ session: PostgresSession, version: Int, migrations: [Migration], store: String)
        throws
    {
        guard version > 0 else { return }
        let own = PostgresSchemaInventory(migrations.filter { $0.version <= version })
        let children = try session.rows(
            """
            SELECT child.relname::text AS name, parent.relname::text AS parent
                FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid
                JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE parent.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                ORDER BY 2, 1
            """
        ) { (name: try $0.text("name"), parent: try $0.text("parent")) }
        if let child = children.first(where: { own.tables.contains($0.parent) }) {
            throw StoreError.foreignSchemaObject(
                store: store,
                finding: "a table \"\(child.name)\" that inherits from (or is a partition of) the table "
                    + "\(child.parent), whose reads would include its rows")
        }
    }

    /// `newer`: the database is at a newer, compatible version than `version`, whose migrations may
    /// have added views (tables, columns and indexes pass anyway); never triggers, rules or policies.
    static func audit(
        _ session: PostgresSession, version: Int, migrations: [Migration], store: String, newer: Bool = false
    ) throws {
        guard version > 0 else { return }
        let own = PostgresSchemaInventory(migrations.filter { $0.version <= version })
        let found = try session.rows(
            """
            WITH schema AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            SELECT 'trigger' AS kind, t.tgname::text AS name, c.relname::text AS on_table
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = (SELECT oid FROM schema) AND NOT t.tgisinternal
            UNION ALL
            SELECT 'rule', r.rulename::text, r.tablename::text FROM pg_rules r WHERE r.schemaname = current_schema()
            UNION ALL
            SELECT 'policy', p.polname::text, c.relname::text
                FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = (SELECT oid FROM schema)
            UNION ALL
            SELECT 'child', child.relname::text, parent.relname::text
                FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid
                JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE parent.relnamespace = (SELECT oid FROM schema)
            UNION ALL
            SELECT 'row security', c.relname::text, c.relname::text FROM pg_class c
                WHERE c.relnamespace = (SELECT oid FROM schema) AND c.relrowsecurity
            UNION ALL
            SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END, c.relname::text, c.relname::text
                FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM schema) AND c.relkind IN ('r', 'p', 'v', 'm')
            ORDER BY 1, 3, 2
            """
        ) { (kind: try $0.text("kind"), name: try $0.text("name"), table: try $0.text("on_table")) }

        let ownRelations = own.tables.union(own.views)
        for object in found {
            let finding: String?
            switch object.kind {
            case "trigger" where ownRelations.contains(object.table) && !own.triggers.contains(object.name):
                finding = "a trigger \"\(object.name)\" on the table \(object.table) that sandbox-bench did not create"
            case "rule" where ownRelations.contains(object.table) && !own.rules.contains(object.name):
                finding = "a rule \"\(object.name)\" on \(object.table) that sandbox-bench did not create"
            case "policy" where own.tables.contains(object.table) && !own.policies.contains(object.name):
                finding =
                    "a row-level security policy \"\(object.name)\" on the table \(object.table) "
                    + "that sandbox-bench did not create"
            case "child" where own.tables.contains(object.table):
                finding =
                    "a table \"\(object.name)\" that inherits from (or is a partition of) the table "
                    + "\(object.table), whose reads would include its rows"
            case "row security" where own.tables.contains(object.table) && !own.rowSecurity.contains(object.table):
                finding = "row-level security enabled on the table \(object.table), which sandbox-bench does not use"
            case "view" where !own.views.contains(object.name) && !newer:
                finding = "a view \"\(object.name)\" in its schema that sandbox-bench did not create"
            default:
                finding = nil
            }
            if let finding { throw StoreError.foreignSchemaObject(store: store, finding: finding) }
        }
        let present = Set(found.filter { $0.kind == "table" || $0.kind == "view" }.map(\.name))
        for name in own.tables.union(own.views).sorted() where !present.contains(name) {
            let kind = own.views.contains(name) ? "view" : "table"
            throw StoreError.foreignSchemaObject(
                store: store, finding: "no \(kind) \"\(name)\", which sandbox-bench creates")
        }
    }
}

/// The tables, views, triggers, rules and policies a list of PostgreSQL migration files leaves
/// behind, read from their statements in order: `CREATE`, `DROP` and `ALTER TABLE … RENAME TO`.
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

    init(_ migrations: [Migration]) {
        for migration in migrations {
            for statement in Self.statements(migration.sql) { apply(statement) }
        }
    }

    private static let name = #"("?)([A-Za-z_][A-Za-z0-9_$]*)\1"#

    private mutating func apply(_ statement: String) {
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

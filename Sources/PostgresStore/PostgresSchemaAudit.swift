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
/// read of `samples`), a view in its schema that is not one of its own, or a column of its tables
/// that its migrations did not create so (a generated column, another type, default or
/// nullability; a column added or gone). The tables of other names are the user's own and pass;
/// so do indexes.
///
/// What sandbox-bench creates is read from its migration files (``PostgresSchemaInventory``),
/// never from a list kept by hand (a test checks the reading against a migrated database); the
/// server's catalogs say what is there, in one query.
enum PostgresSchemaAudit {
    /// What changes what a read sees, checked on every open, also a read-only one: a table that
    /// inherits from (or is a partition of) one of sandbox-bench's (a child's rows appear in every
    /// read of its parent), and a column of its tables defined otherwise than its migrations define
    /// it (``auditColumns(_:own:store:newer:)``).
    static func auditReads(
        _ session: PostgresSession, version: Int, migrations: [Migration], store: String, newer: Bool
    ) throws {
        guard version > 0 else { return }
        let own = PostgresSchemaInventory(migrations.filter { $0.version <= version })
        try auditChildren(session, own: own, store: store)
        try auditColumns(session, own: own, store: store, newer: newer)
    }

    private static func auditChildren(_ session: PostgresSession, own: PostgresSchemaInventory, store: String)
        throws
    {
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
        try auditColumns(session, own: own, store: store, newer: newer)
    }

    /// The columns of sandbox-bench's tables against those its migrations create: the same names,
    /// types, nullability, defaults, identity and generation. A column renamed and re-added as
    /// `GENERATED ALWAYS AS (…)` makes every read return what its expression makes of the stored
    /// figures. A database at a newer, compatible version may have more columns (its migrations
    /// are additive), never the known ones changed.
    static func auditColumns(_ session: PostgresSession, own: PostgresSchemaInventory, store: String, newer: Bool)
        throws
    {
        let found = try session.rows(
            """
            SELECT c.relname::text AS table_name, a.attname::text AS column_name,
                    format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                    pg_get_expr(d.adbin, d.adrelid) AS expression, a.attidentity::text AS identity,
                    a.attgenerated::text AS generated
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                    AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY 1, a.attnum
            """
        ) { row -> (table: String, column: PostgresColumn) in
            let expression = try row.optionalText("expression")
            let generated = try row.text("generated") == "s"
            let identity = try row.text("identity")
            return (
                try row.text("table_name"),
                PostgresColumn(
                    name: try row.text("column_name"), type: try row.text("type"), notNull: try row.bool("not_null"),
                    defaultExpression: generated ? nil : expression,
                    identity: identity == "a" ? "always" : identity == "d" ? "by default" : nil,
                    generation: generated ? expression : nil)
            )
        }
        let byTable = Dictionary(grouping: found, by: \.table).mapValues { $0.map(\.column) }
        for table in own.columns.keys.sorted() {
            let columns = byTable[table] ?? []
            for expected in own.columns[table] ?? [] {
                guard let column = columns.first(where: { $0.name == expected.name }) else {
                    throw StoreError.foreignSchemaObject(
                        store: store,
                        finding: "no column \"\(expected.name)\" in the table \(table), which sandbox-bench creates")
                }
                guard expected.isMatched(by: column) else {
                    throw StoreError.foreignSchemaObject(
                        store: store,
                        finding: "the column \"\(expected.name)\" of the table \(table) defined otherwise than "
                            + "sandbox-bench defines it: \(column.definition), not \(expected.definition)")
                }
            }
            guard !newer else { continue }
            let known = Set((own.columns[table] ?? []).map(\.name))
            if let extra = columns.first(where: { !known.contains($0.name) }) {
                throw StoreError.foreignSchemaObject(
                    store: store,
                    finding: "a column \"\(extra.name)\" in the table \(table) that sandbox-bench did not create")
            }
        }
    }
}

import Migrations
import ResultsStore
import SQLStore
import Synchronization

/// Refuses a database whose schema is not the one sandbox-bench's migrations leave: a trigger
/// that deletes every inserted sample, a view in place of a table, a table redefined with
/// `ON CONFLICT REPLACE` — anything that could change or hide what the tool stores. Indexes,
/// tables of other names and their triggers are the user's own business and pass.
///
/// What the migrations leave is not a list kept by hand: the migrations up to the database's
/// version are applied to a private database in memory (once per process), and its
/// `sqlite_schema` is the expectation. SQLite keeps every object's statement normalised, so a
/// database the migrator brought to that version holds exactly the same text.
enum SchemaAudit {
    struct Object: Hashable, Sendable {
        /// table, view, trigger or index.
        var type: String
        var name: String
        /// The table a trigger or an index belongs to (the object itself for a table or a view).
        var table: String
        var sql: String?
    }

    /// The kinds of objects whose every difference counts.
    private static let audited: Set<String> = ["table", "view", "trigger"]

    private static let expectations = Mutex<[String: [Object]]>([:])

    /// Throws `StoreError.foreignSchemaObject` naming the first difference, in name order.
    ///
    /// A database at a newer (compatible) version than this binary's is compared with what this
    /// binary's migrations create: a newer minor version may add tables, views, indexes and columns
    /// (a table of its own may have more columns at its end), never a trigger on a table of its own.
    static func audit(_ connection: SQLiteSession, version: Int, migrator: SchemaMigrator, store: String) throws {
        guard version > 0 else { return }
        let newer = version > migrator.latestVersion
        let expected = try expectedObjects(upTo: min(version, migrator.latestVersion), migrator: migrator)
        let actual = try objects(connection)
        let expectedByName = Dictionary(expected.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let actualNames = Set(actual.map(\.name))
        let ownRelations = Set(expected.filter { $0.type == "table" || $0.type == "view" }.map(\.name))
        for object in actual where audited.contains(object.type) {
            guard let own = expectedByName[object.name], own.type == object.type else {
                // A table of another name, and a trigger on one, are the user's own: nothing
                // sandbox-bench writes fires or fills them. A newer minor version's views read only.
                if object.type == "table" || (object.type == "trigger" && !ownRelations.contains(object.table))
                    || (newer && object.type == "view")
                {
                    continue
                }
                throw StoreError.foreignSchemaObject(store: store, finding: foreign(object))
            }
            guard own == object || (newer && (own.type == "view" || Self.extends(object, own))) else {
                throw StoreError.foreignSchemaObject(
                    store: store,
                    finding: "the \(object.type) \"\(object.name)\" defined otherwise than sandbox-bench defines it")
            }
        }
        for own in expected where audited.contains(own.type) && !actualNames.contains(own.name) {
            throw StoreError.foreignSchemaObject(
                store: store, finding: "no \(own.type) \"\(own.name)\", which sandbox-bench creates")
        }
    }

    /// True when `table` is `own` with columns added at its end, as `ALTER TABLE … ADD COLUMN`
    /// leaves it (SQLite appends the column's definition before the closing parenthesis).
    private static func extends(_ table: Object, _ own: Object) -> Bool {
        guard table.type == "table", let sql = table.sql, let ownSQL = own.sql, ownSQL.hasSuffix(")") else {
            return false
        }
        return sql.hasPrefix(String(ownSQL.dropLast()) + ",") && sql.hasSuffix(")")
    }

    private static func foreign(_ object: Object) -> String {
        switch object.type {
        case "trigger":
            return "a trigger \"\(object.name)\" on the table \(object.table) that sandbox-bench did not create"
        default:
            return "a \(object.type) \"\(object.name)\" that sandbox-bench did not create"
        }
    }

    /// What the migrations up to `version` create, read from a database in memory they were applied to.
    static func expectedObjects(upTo version: Int, migrator: SchemaMigrator) throws -> [Object] {
        let applied = migrator.migrations.filter { $0.version <= version }
        let key = applied.map { "\($0.name)\n\($0.sql)" }.joined(separator: "\u{0}")
        if let known = expectations.withLock({ $0[key] }) { return known }
        let memory = SQLiteSession(connection: try SQLiteConnection(path: ":memory:", access: .memory))
        try migrator.migrate(memory, store: ":memory:", upTo: version)
        let objects = try objects(memory)
        expectations.withLock { $0[key] = objects }
        return objects
    }

    /// Every object of the schema but SQLite's own (`sqlite_sequence`, `sqlite_stat1`, automatic indexes).
    private static func objects(_ connection: SQLiteSession) throws -> [Object] {
        try connection.connection.rows(
            """
            SELECT type, name, tbl_name, sql FROM sqlite_schema
            WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name, type
            """
        ) { row in
            Object(
                type: try row.text("type"), name: try row.text("name"), table: try row.text("tbl_name"),
                sql: try row.optionalText("sql"))
        }
    }
}

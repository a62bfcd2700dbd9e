import BenchModel
import Foundation
import Migrations
import PostgresMigrations
import StoreTestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore
@testable import SQLStore
@testable import SQLiteStore

/// A database whose sandbox-bench tables carry what sandbox-bench did not put there is refused
/// before anything is written: a trigger that deletes every inserted sample made a run look
/// complete with nothing kept. The user's own tables and indexes pass.
@Suite(.temporaryDatabases) struct SchemaAuditTests {
    /// A trigger that deletes every sample as it is inserted, in the backend's dialect.
    static func installSampleEater(_ database: TestDatabase) async throws {
        switch database.backend {
        case .sqlite:
            try await database.execute(
                "CREATE TRIGGER eat_samples AFTER INSERT ON samples BEGIN DELETE FROM samples WHERE id = NEW.id; END")
        case .postgresql:
            try await database.execute(
                "CREATE FUNCTION eat_samples() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN DELETE FROM samples WHERE id = NEW.id; RETURN NULL; END $$"
            )
            try await database.execute(
                "CREATE TRIGGER eat_samples AFTER INSERT ON samples FOR EACH ROW EXECUTE FUNCTION eat_samples()")
        }
    }

    static func openReadOnly(_ database: TestDatabase) async throws -> any ResultsStore {
        switch database.backend {
        case .sqlite: return try await SQLiteResultsStore.open(path: database.path, mode: .readOnly)
        case .postgresql:
            return try await PostgresResultsStore.open(
                try PostgresTestServer.location(database.location), mode: .readOnly)
        }
    }

    @Test(arguments: StoreBackend.all) func aTriggerThatDeletesSamplesIsRefusedBeforeAnythingIsWritten(
        backend: StoreBackend
    ) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let store = try await database.open()
        let name = store.displayName
        let run = try await store.storeRun(status: .running, startedAt: date("2025-03-01T02:00:00.000Z"))
        await store.close()
        try await Self.installSampleEater(database)
        // The run's process looks gone: a writing open would close the run as aborted, if it wrote anything.
        try await database.execute("UPDATE runs SET process_start = 'another-boot:1' WHERE id = $1", [.int(run)])
        let before = backend == .sqlite ? try database.bytes() : Data()

        let refusal = StoreError.foreignSchemaObject(
            store: name, finding: "a trigger \"eat_samples\" on the table samples that sandbox-bench did not create")
        await #expect(throws: refusal) { _ = try await database.open() }
        #expect(refusal.kind == .environment)
        #expect(try await database.count("SELECT count(*) FROM runs WHERE status = 'running'") == 1)
        if backend == .sqlite {
            #expect(try database.bytes() == before)
            #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
        }

        // A read-only open still reads what is there; a command that judges asks for the audit.
        let reader = try await Self.openReadOnly(database)
        #expect(try await reader.runs().map(\.id) == [run])
        await #expect(throws: refusal) { try await reader.auditSchema() }
        await reader.close()

        try await database.execute(
            backend == .sqlite ? "DROP TRIGGER eat_samples" : "DROP TRIGGER eat_samples ON samples")
        let reopened = try await database.open()
        try await reopened.auditSchema()
        #expect(try await reopened.run(run).status == .aborted)
    }

    /// Each way of changing what sandbox-bench keeps, with the finding it is refused with; nil
    /// for the changes that are the user's own business.
    static func tamperings(_ backend: StoreBackend) -> [(sql: [String], finding: String?)] {
        switch backend {
        case .sqlite:
            return [
                (["CREATE VIEW mine AS SELECT 1 AS one"], "a view \"mine\" that sandbox-bench did not create"),
                (
                    ["DROP VIEW v_checks", "CREATE VIEW v_checks AS SELECT 1 AS one"],
                    "the view \"v_checks\" defined otherwise than sandbox-bench defines it"
                ),
                (
                    ["ALTER TABLE notes ADD COLUMN extra TEXT"],
                    "the table \"notes\" defined otherwise than sandbox-bench defines it"
                ),
                (["DROP TRIGGER runs_need_a_uuid"], "no trigger \"runs_need_a_uuid\", which sandbox-bench creates"),
                (
                    [
                        "CREATE TABLE my_annotations (run_id INTEGER, text TEXT)",
                        "CREATE TRIGGER mark AFTER INSERT ON my_annotations BEGIN SELECT 1; END",
                    ], nil
                ),
                (["CREATE INDEX my_samples_by_value ON samples (value)"], nil),
            ]
        case .postgresql:
            return [
                (
                    ["CREATE RULE drop_notes AS ON INSERT TO notes DO INSTEAD NOTHING"],
                    "a rule \"drop_notes\" on notes that sandbox-bench did not create"
                ),
                (
                    ["ALTER TABLE samples ENABLE ROW LEVEL SECURITY"],
                    "row-level security enabled on the table samples, which sandbox-bench does not use"
                ),
                (
                    ["CREATE POLICY hide_samples ON samples USING (false)"],
                    "a row-level security policy \"hide_samples\" on the table samples "
                        + "that sandbox-bench did not create"
                ),
                (
                    ["CREATE VIEW mine AS SELECT 1 AS one"],
                    "a view \"mine\" in its schema that sandbox-bench did not create"
                ),
                (["DROP VIEW v_checks"], "no view \"v_checks\", which sandbox-bench creates"),
                (
                    ["CREATE TABLE my_extra_samples () INHERITS (samples)"],
                    "a table \"my_extra_samples\" that inherits from (or is a partition of) the table samples, "
                        + "whose reads would include its rows"
                ),
                (
                    [
                        "ALTER TABLE samples RENAME COLUMN value TO value_measured",
                        "ALTER TABLE samples ADD COLUMN value double precision GENERATED ALWAYS AS "
                            + "(value_measured / 3) STORED",
                    ],
                    "the column \"value\" of the table samples defined otherwise than sandbox-bench defines it: "
                        + "double precision GENERATED ALWAYS AS ((value_measured / (3)::double precision)) STORED, "
                        + "not double precision NOT NULL"
                ),
                (
                    ["ALTER TABLE spec_results ALTER COLUMN wall_s TYPE real"],
                    "the column \"wall_s\" of the table spec_results defined otherwise than sandbox-bench defines "
                        + "it: real NOT NULL, not double precision NOT NULL"
                ),
                (
                    ["ALTER TABLE runs ALTER COLUMN status SET DEFAULT 'completed'"],
                    "the column \"status\" of the table runs defined otherwise than sandbox-bench defines it: "
                        + "text NOT NULL DEFAULT 'completed'::text, not text NOT NULL DEFAULT 'running'"
                ),
                (
                    ["ALTER TABLE samples ALTER COLUMN value DROP NOT NULL"],
                    "the column \"value\" of the table samples defined otherwise than sandbox-bench defines it: "
                        + "double precision, not double precision NOT NULL"
                ),
                (
                    ["ALTER TABLE samples ALTER COLUMN id DROP IDENTITY"],
                    "the column \"id\" of the table samples defined otherwise than sandbox-bench defines it: "
                        + "bigint NOT NULL, not bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY"
                ),
                (
                    ["ALTER TABLE samples ADD COLUMN scale double precision"],
                    "a column \"scale\" in the table samples that sandbox-bench did not create"
                ),
                (
                    ["ALTER TABLE baseline_files DROP COLUMN stored_at"],
                    "no column \"stored_at\" in the table baseline_files, which sandbox-bench creates"
                ),
                (["CREATE TABLE my_base (note text)", "CREATE TABLE my_child () INHERITS (my_base)"], nil),
                (["CREATE TABLE my_annotations (run_id bigint, text text)"], nil),
                (["CREATE INDEX my_samples_by_value ON samples (value)"], nil),
            ]
        }
    }

    @Test(arguments: StoreBackend.all) func whatSandboxBenchDidNotCreateIsNamedAndTheUsersOwnTablesPass(
        backend: StoreBackend
    ) async throws {
        for (sql, finding) in Self.tamperings(backend) {
            let database = try await TestDatabase.make(backend)
            defer { database.remove() }
            let store = try await database.open()
            let name = store.displayName
            await store.close()
            for statement in sql { try await database.execute(statement) }
            if let finding {
                await #expect(throws: StoreError.foreignSchemaObject(store: name, finding: finding), "\(sql)") {
                    _ = try await database.open()
                }
            } else {
                let opened = try await database.open()
                try await opened.auditSchema()
                #expect(try await opened.storeRun(startedAt: date("2025-03-01T02:00:00.000Z")) > 0)
                await opened.close()
            }
        }
    }

    /// A table that inherits from `samples` adds its rows to every read of `samples`: even a
    /// read-only open (which checks no triggers) refuses it, naming the table.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func anInheritingTableIsRefusedAlsoByAReadOnlyOpen()
        async throws
    {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        let store = try await database.open()
        let name = store.displayName
        _ = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        await store.close()
        try await database.execute("CREATE TABLE my_extra_samples () INHERITS (samples)")
        let refusal = StoreError.foreignSchemaObject(
            store: name,
            finding: "a table \"my_extra_samples\" that inherits from (or is a partition of) the table samples, "
                + "whose reads would include its rows")
        await #expect(throws: refusal) { _ = try await Self.openReadOnly(database) }
        await #expect(throws: refusal) { _ = try await database.open() }
        try await database.execute("DROP TABLE my_extra_samples")
        await (try await Self.openReadOnly(database)).close()
    }

    /// A column of its tables changed so that reads return other figures — `samples.value` renamed
    /// and re-added as a generated column, with the views re-created unchanged — is refused by every
    /// open, a read-only one too, naming the table and the column; before it, the figures read are
    /// the stored ones.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func aGeneratedColumnIsRefusedAlsoByAReadOnlyOpen()
        async throws
    {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        let store = try await database.open()
        let name = store.displayName
        _ = try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
        await store.close()
        let views = try await database.schemaObjects(.view)
        var definitions: [String] = []
        for view in views {
            definitions.append(
                contentsOf: try await database.texts("SELECT pg_get_viewdef($1::regclass)", [.text(view)]))
        }
        try await database.execute("DROP VIEW " + views.joined(separator: ", ") + " CASCADE")
        try await database.execute("ALTER TABLE samples RENAME COLUMN value TO value_measured")
        try await database.execute(
            "ALTER TABLE samples ADD COLUMN value double precision GENERATED ALWAYS AS (value_measured / 3) STORED")
        for (view, definition) in zip(views, definitions) {
            try await database.execute("CREATE VIEW \(view) AS \(definition)")
        }
        let refusal = StoreError.foreignSchemaObject(
            store: name,
            finding: "the column \"value\" of the table samples defined otherwise than sandbox-bench defines it: "
                + "double precision GENERATED ALWAYS AS ((value_measured / (3)::double precision)) STORED, "
                + "not double precision NOT NULL")
        #expect(refusal.kind == .environment)
        await #expect(throws: refusal) { _ = try await Self.openReadOnly(database) }
        await #expect(throws: refusal) { _ = try await database.open() }
    }

    /// The columns read from the migration files are the columns a migrated database has, field by field.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func theColumnsOfThePostgresMigrationsAreWhatTheyCreate()
        async throws
    {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        await (try await database.open()).close()
        let inventory = PostgresSchemaInventory(PostgresSchemaMigrations.all)
        #expect(Set(inventory.columns.keys) == inventory.tables)
        let described = try await database.texts(
            """
            SELECT table_name::text || '.' || column_name::text || ' ' || data_type::text
                || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END AS line
                FROM information_schema.columns WHERE table_schema = current_schema()
                    AND table_name::text IN (SELECT tablename FROM pg_tables WHERE schemaname = current_schema())
            """)
        let expected = inventory.columns.flatMap { table, columns in
            columns.map { "\(table).\($0.name) \($0.type)\($0.notNull ? " NOT NULL" : "")" }
        }
        #expect(Set(described) == Set(expected))
        #expect(inventory.columns["runs"]?.first { $0.name == "status" }?.defaultExpression == "'running'")
        #expect(inventory.columns["runs"]?.first { $0.name == "id" }?.identity == "by default")
        #expect(
            inventory.columns["schema_migrations"]?.map(\.name) == [
                "version", "name", "applied_at", "compatible_from",
            ])
    }

    @Test func theColumnsFollowCreateAlterRenameAndDropInOrder() {
        let sql = """
            CREATE TABLE a (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                parent bigint REFERENCES a (id) ON DELETE SET NULL,
                state TEXT NOT NULL DEFAULT 'x' CHECK (state IN ('x', 'y')),
                half double precision GENERATED ALWAYS AS (id / 2) STORED,
                k int, m int8,
                PRIMARY KEY (k, m)
            );
            ALTER TABLE a ADD COLUMN n timestamptz NOT NULL DEFAULT now();
            ALTER TABLE a ADD CONSTRAINT a_check CHECK (k > 0);
            ALTER TABLE a ALTER COLUMN n DROP NOT NULL;
            ALTER TABLE a RENAME COLUMN k TO kk;
            ALTER TABLE a DROP COLUMN m;
            ALTER TABLE a DROP CONSTRAINT a_check;
            ALTER TABLE a RENAME TO b;
            """
        let inventory = PostgresSchemaInventory([Migration(version: 1, name: "0001_x.sql", sql: sql)])
        #expect(inventory.columns["a"] == nil)
        let columns = inventory.columns["b"] ?? []
        #expect(columns.map(\.name) == ["id", "parent", "state", "half", "kk", "n"])
        #expect(
            columns.map(\.type) == [
                "bigint", "bigint", "text", "double precision", "integer", "timestamp with time zone",
            ])
        #expect(columns.map(\.notNull) == [true, false, true, false, true, false])
        #expect(columns[0].identity == "always")
        #expect(columns[2].defaultExpression == "'x'")
        #expect(columns[3].generation == "id / 2")
        #expect(columns[5].defaultExpression == "now ( )")
        #expect(PostgresColumn.normalized("now ( )") == PostgresColumn.normalized("now()"))
        #expect(PostgresColumn.normalized("'Running'") == PostgresColumn.normalized("('Running'::text)"))
        #expect(PostgresColumn.normalized("'Running'") != PostgresColumn.normalized("'running'::text"))
    }

    /// The audit's reading of the PostgreSQL migration files names exactly what a migrated database holds.
    @Test(.enabled(if: PostgresTestServer.shouldRun)) func theInventoryOfThePostgresMigrationsIsWhatTheyCreate()
        async throws
    {
        let database = try await TestDatabase.make(.postgresql)
        defer { database.remove() }
        await (try await database.open()).close()
        let inventory = PostgresSchemaInventory(PostgresSchemaMigrations.all)
        #expect(inventory.tables == Set(try await database.schemaObjects(.table)))
        #expect(inventory.views == Set(try await database.schemaObjects(.view)))
        #expect(inventory.triggers.isEmpty && inventory.rules.isEmpty && inventory.policies.isEmpty)
        #expect(inventory.rowSecurity.isEmpty)
    }

    @Test func theInventoryFollowsCreateDropAndRenameInOrder() {
        let sql = """
            -- CREATE TABLE commented_out (x int);
            CREATE TABLE a (create_s double precision);
            CREATE TABLE IF NOT EXISTS "Quoted" (x int);
            CREATE VIEW v AS SELECT 1; DROP VIEW v; CREATE OR REPLACE VIEW w AS SELECT 2;
            ALTER TABLE a RENAME TO b;
            CREATE TABLE gone (x int); DROP TABLE IF EXISTS gone;
            CREATE TRIGGER t BEFORE INSERT ON b FOR EACH ROW EXECUTE FUNCTION f();
            ALTER TABLE b ENABLE ROW LEVEL SECURITY;
            """
        let inventory = PostgresSchemaInventory([Migration(version: 1, name: "0001_x.sql", sql: sql)])
        #expect(inventory.tables == ["schema_migrations", "b", "Quoted"])
        #expect(inventory.views == ["w"])
        #expect(inventory.triggers == ["t"])
        #expect(inventory.rowSecurity == ["b"])
    }

    /// SQLite's expectation is the migrations applied in memory: every fixture database, made
    /// by the sqlite3 shell from the same files, matches it at its own version.
    @Test func everyFixtureDatabaseMatchesTheMigrationsAtItsVersion() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        for version in 1...SchemaMigrations.latestVersion {
            let path = fixtures.appendingPathComponent("schema-v\(version).sqlite").path
            let connection = try SQLiteConnection(path: path, access: .readOnly(immutable: true))
            try SchemaAudit.audit(
                SQLiteSession(connection: connection), version: version,
                migrator: SchemaMigrator(migrations: SchemaMigrations.all), store: path)
        }
    }
}

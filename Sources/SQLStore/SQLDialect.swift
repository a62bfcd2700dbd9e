/// How one database spells what the statements of ``SQLReader`` and ``SQLResultsStore`` leave open:
/// each difference between the dialects is one requirement here, and each driver answers it in
/// one file (`SQLiteDialect`, `PostgresDialect`). Everything else — the queries, the writes, the
/// column lists — is written once.
package protocol SQLDialect: Sendable {
    /// The text of the `index`-th parameter (from 1), which holds `value`: `?1` or `$1`, wrapped in
    /// what turns the bound value into the stored type (SQLite binds a time as seconds and stores
    /// it as text).
    func parameter(_ index: Int, holding value: SQLValue) -> String

    /// A condition: `expression` is one of the elements of the list bound as `parameter` (SQLite:
    /// `IN (SELECT value FROM json_each(?1))`; PostgreSQL: `= ANY($1::int8[])`).
    func member(_ expression: String, ofListIn parameter: String, list: SQLValue) -> String

    /// The whole milliseconds since 1970 of a time column, as a 64-bit integer.
    func milliseconds(_ column: String) -> String

    /// `expression` ordered by its bytes, so that text sorts alike in every database (PostgreSQL
    /// sorts by the database's collation unless told `COLLATE "C"`).
    func byteOrder(_ expression: String) -> String

    /// Appended to a `SELECT` that reads a row the transaction is about to change: PostgreSQL's
    /// `FOR UPDATE`; empty where a write transaction holds the whole database (SQLite).
    var rowLock: String { get }

    /// The table that records applied migrations, created beside the first one.
    var createVersionTable: String { get }

    /// A statement that lists every object of the schema the store uses, as `type` (`table`,
    /// `view`, `index`, `trigger`) and `name`: what tells a blank database from one of sandbox-bench
    /// and one of another program.
    var schemaObjects: SQL { get }
}

extension SQLDialect {
    /// `statement` as this dialect's text, and the values of its parameters in order.
    package func render(_ statement: SQL) -> (text: String, values: [SQLValue]) {
        var text = ""
        var values: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            values.append(value)
            return parameter(values.count, holding: value)
        }
        for piece in statement.pieces {
            switch piece {
            case .text(let literal): text += literal
            case .value(let value): text += bind(value)
            case .member(let expression, let list):
                text += member(expression, ofListIn: bind(list), list: list)
            case .milliseconds(let column): text += milliseconds(column)
            case .byteOrder(let expression): text += byteOrder(expression)
            case .rowLock: text += rowLock
            }
        }
        return (text, values)
    }
}

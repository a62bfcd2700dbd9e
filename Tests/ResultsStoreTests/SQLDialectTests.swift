import Foundation
import Testing

@testable import PostgresStore
@testable import SQLStore
@testable import SQLiteStore

/// A statement is written once and each dialect spells what it leaves open: user values never
/// reach the text, only numbered parameters, in the order they appear.
@Suite struct SQLDialectTests {
    static let userText = "x'); DROP TABLE runs; --"

    static let statement: SQL = """
        SELECT id FROM runs WHERE label = \(userText) AND started_at < \(Date(timeIntervalSince1970: 1.5)) \
        AND \(.member("id", of: [3, 4])) ORDER BY \(.byteOrder(expression: "label")) \(.rowLock)
        """

    @Test func sqliteNumbersItsParametersAndConvertsTimesInTheStatement() {
        let (text, values) = SQLiteDialect().render(Self.statement)
        #expect(
            text == "SELECT id FROM runs WHERE label = ?1 AND started_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?2, "
                + "'unixepoch') AND id IN (SELECT value FROM json_each(?3)) ORDER BY label ")
        #expect(values == [.text(Self.userText), .timestamp(Date(timeIntervalSince1970: 1.5)), .integers([3, 4])])
        #expect(SQLiteSession.bound(values[2]) == .text("[3,4]"))
    }

    @Test func postgresNumbersItsParametersCastsListsAndLocksTheRow() {
        let (text, values) = PostgresDialect().render(Self.statement)
        #expect(
            text == "SELECT id FROM runs WHERE label = $1 AND started_at < $2 AND id = ANY($3::int8[]) "
                + "ORDER BY label COLLATE \"C\" FOR UPDATE")
        #expect(values == [.text(Self.userText), .timestamp(Date(timeIntervalSince1970: 1.5)), .integers([3, 4])])
    }

    @Test func aUserValueNeverReachesTheText() {
        for text in [SQLiteDialect().render(Self.statement).text, PostgresDialect().render(Self.statement).text] {
            #expect(!text.contains("DROP"))
        }
    }
}

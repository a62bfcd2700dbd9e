import Foundation

/// A statement written once for every database: SQL text whose values are bound parameters, and
/// the few pieces whose spelling differs between dialects (a time column in milliseconds, a
/// bound list, an ordering by bytes, a row lock), which each driver's ``SQLDialect`` renders.
///
/// Interpolating a value binds it; interpolating an `SQL` inserts its pieces. Text reaches the
/// statement only as literal SQL written in this package (``SQL/init(verbatim:)`` for constants
/// such as `ASC`), never as a value:
///
///     "SELECT \(StoredColumns.run) FROM runs WHERE testbed = \(testbed) ORDER BY \(.byteOrder("name"))"
package struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation {
    package enum Piece: Sendable, Hashable {
        case text(String)
        case value(SQLValue)
        /// `expression` is one of a bound list's elements.
        case member(expression: String, list: SQLValue)
        /// The whole milliseconds since 1970 of a time column.
        case milliseconds(column: String)
        /// An expression ordered by its bytes, as every database can order text.
        case byteOrder(expression: String)
        /// What makes a `SELECT` lock the rows it reads until the transaction ends.
        case rowLock
    }

    package private(set) var pieces: [Piece]

    package init(pieces: [Piece]) {
        self.pieces = pieces
    }

    /// Literal SQL of this package: a keyword, a column list. Never a value from outside.
    package init(verbatim text: String) {
        pieces = [.text(text)]
    }

    package init(stringLiteral value: String) {
        pieces = [.text(value)]
    }

    package init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
    }

    package struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var pieces: [Piece] = []

        package init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(interpolationCount * 2 + 1)
        }

        package mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { pieces.append(.text(literal)) }
        }

        /// Binds `value` as a parameter.
        package mutating func appendInterpolation(_ value: some SQLBindable) {
            pieces.append(.value(value.sqlValue))
        }

        /// Binds `value`, or NULL.
        package mutating func appendInterpolation(_ value: (some SQLBindable)?) {
            pieces.append(.value(value?.sqlValue ?? .null))
        }

        /// Inserts another statement's pieces.
        package mutating func appendInterpolation(_ sql: SQL) {
            pieces += sql.pieces
        }

        package mutating func appendInterpolation(_ piece: Piece) {
            pieces.append(piece)
        }
    }

    package static func + (lhs: SQL, rhs: SQL) -> SQL {
        SQL(pieces: lhs.pieces + rhs.pieces)
    }

    package static func += (lhs: inout SQL, rhs: SQL) {
        lhs.pieces += rhs.pieces
    }

    /// `parts` one after the other, `separator` between two.
    package static func joined(_ parts: [SQL], separator: String) -> SQL {
        var pieces: [Piece] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { pieces.append(.text(separator)) }
            pieces += part.pieces
        }
        return SQL(pieces: pieces)
    }
}

extension SQL.Piece {
    /// `expression IN` the integers: one bound list, however many there are.
    package static func member(_ expression: String, of values: [Int64]) -> SQL.Piece {
        .member(expression: expression, list: .integers(values))
    }

    /// `expression IN` the texts: one bound list, however many there are.
    package static func member(_ expression: String, of values: [String]) -> SQL.Piece {
        .member(expression: expression, list: .texts(values.sorted()))
    }

    /// The milliseconds since 1970 of the time column `column`.
    package static func milliseconds(_ column: String) -> SQL.Piece { .milliseconds(column: column) }

    package static func byteOrder(_ expression: String) -> SQL.Piece { .byteOrder(expression: expression) }
}

/// The columns the migrations give each table, read from `CREATE TABLE` and `ALTER TABLE`
/// statements in order: a column's type, `NOT NULL` (or a primary key), `DEFAULT`, identity and
/// generation; `ADD`, `DROP`, `RENAME` and `ALTER COLUMN`. Written by hand rather than with a SQL
/// parser: no Swift package parses PostgreSQL's DDL, and the migration files are the tool's own,
/// in a small part of the language (a test checks the reading against a migrated database).
extension PostgresSchemaInventory {
    /// A token of a statement: a word (an unquoted one folded to lower case, as the server folds
    /// it), a string literal with its quotes, or one character of punctuation.
    struct Token: Equatable {
        enum Kind { case word, quoted, string, symbol }
        var kind: Kind
        var text: String

        func `is`(_ keyword: String) -> Bool { kind == .word && text == keyword.lowercased() }
    }

    static func tokens(_ statement: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(statement)
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "$" || character == "."
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "'" || character == "\"" {
                var end = index + 1
                while end < characters.count {
                    if characters[end] == character {
                        if end + 1 < characters.count, characters[end + 1] == character { end += 2 } else { break }
                    } else {
                        end += 1
                    }
                }
                let text = String(characters[index...min(end, characters.count - 1)])
                tokens.append(
                    character == "'"
                        ? Token(kind: .string, text: text)
                        : Token(kind: .quoted, text: String(text.dropFirst().dropLast())))
                index = end + 1
            } else if isWordCharacter(character) {
                var end = index
                while end < characters.count, isWordCharacter(characters[end]) { end += 1 }
                tokens.append(Token(kind: .word, text: String(characters[index..<end]).lowercased()))
                index = end
            } else {
                tokens.append(Token(kind: .symbol, text: String(character)))
                index += 1
            }
        }
        return tokens
    }

    /// Applies a `CREATE TABLE` or `ALTER TABLE` statement's columns.
    mutating func applyColumns(_ statement: String) {
        var reader = TokenReader(Self.tokens(statement))
        if reader.take("create") {
            _ = reader.take("unlogged")
            guard reader.take("table") else { return }
            if reader.take("if") { _ = reader.take("not") && reader.take("exists") }
            guard let table = reader.name(), reader.take("(") else { return }
            columns[table] = []
            for element in reader.elements() { addElement(element, to: table) }
        } else if reader.take("alter") && reader.take("table") {
            if reader.take("if") { _ = reader.take("exists") }
            _ = reader.take("only")
            guard let table = reader.name() else { return }
            for action in reader.elements(closing: false) { alter(table, action) }
        }
    }

    /// A column or a table constraint of a `CREATE TABLE`, or what `ADD` adds.
    private mutating func addElement(_ tokens: [Token], to table: String) {
        var reader = TokenReader(tokens)
        let named = reader.take("constraint")
        if named { _ = reader.name() }
        if reader.take("primary") {
            guard reader.take("key"), reader.take("(") else { return }
            let keyColumns = reader.elements().compactMap { TokenReader($0).peekName() }
            for name in keyColumns { update(table, name) { $0.notNull = true } }
            return
        }
        guard !named, !["unique", "check", "foreign", "exclude", "like"].contains(where: { reader.peek($0) }) else {
            return
        }
        if let column = Self.column(tokens) { columns[table, default: []].append(column) }
    }

    private mutating func alter(_ table: String, _ tokens: [Token]) {
        var reader = TokenReader(tokens)
        if reader.take("add") {
            _ = reader.take("column")
            if reader.take("if") { _ = reader.take("not") && reader.take("exists") }
            addElement(Array(tokens[reader.position...]), to: table)
        } else if reader.take("drop") {
            guard reader.take("column") || !reader.peek("constraint") else { return }
            if reader.take("if") { _ = reader.take("exists") }
            guard let name = reader.name() else { return }
            columns[table]?.removeAll { $0.name == name }
        } else if reader.take("rename") {
            _ = reader.take("column")
            guard !reader.peek("to"), let old = reader.name(), reader.take("to"), let new = reader.name() else {
                return
            }
            update(table, old) { $0.name = new }
        } else if reader.take("alter") {
            _ = reader.take("column")
            guard let name = reader.name() else { return }
            alterColumn(table, name, &reader)
        }
    }

    private mutating func alterColumn(_ table: String, _ name: String, _ reader: inout TokenReader) {
        if reader.take("set") {
            if reader.take("not") && reader.take("null") {
                update(table, name) { $0.notNull = true }
            } else if reader.take("default") {
                let expression = TokenReader.text(reader.rest())
                update(table, name) { $0.defaultExpression = expression }
            } else if reader.take("data") && reader.take("type") {
                let type = TokenReader.text(reader.until(["using", "collate"]))
                update(table, name) { $0.type = PostgresColumn.canonicalType(type) }
            }
        } else if reader.take("drop") {
            if reader.take("not") {
                update(table, name) { $0.notNull = false }
            } else if reader.take("default") {
                update(table, name) { $0.defaultExpression = nil }
            } else if reader.take("identity") {
                update(table, name) { $0.identity = nil }
            } else if reader.take("expression") {
                update(table, name) { $0.generation = nil }
            }
        } else if reader.take("type") {
            let type = TokenReader.text(reader.until(["using", "collate"]))
            update(table, name) { $0.type = PostgresColumn.canonicalType(type) }
        } else if reader.take("add") && reader.take("generated") {
            let identity = reader.take("always") ? "always" : "by default"
            update(table, name) {
                $0.identity = identity
                $0.notNull = true
            }
        }
    }

    private mutating func update(_ table: String, _ name: String, _ change: (inout PostgresColumn) -> Void) {
        guard let index = columns[table]?.firstIndex(where: { $0.name == name }) else { return }
        change(&columns[table]![index])
    }

    /// Keywords that end a column's type, or its default's expression.
    private static let constraintWords: Set<String> = [
        "not", "null", "default", "primary", "references", "check", "unique", "generated", "constraint", "collate",
    ]

    /// A column definition: its name, type and constraints.
    static func column(_ tokens: [Token]) -> PostgresColumn? {
        var reader = TokenReader(tokens)
        guard let name = reader.name() else { return nil }
        let type = TokenReader.text(reader.until(constraintWords))
        var column = PostgresColumn(name: name, type: PostgresColumn.canonicalType(type), notNull: false)
        while !reader.isAtEnd {
            if reader.take("constraint") {
                _ = reader.name()
            } else if reader.take("not") {
                if reader.take("null") { column.notNull = true }
            } else if reader.take("null") {
                column.notNull = false
            } else if reader.take("primary") {
                _ = reader.take("key")
                column.notNull = true
            } else if reader.take("default") {
                let expression = reader.peek("null") ? [reader.next()].compactMap { $0 } : reader.until(constraintWords)
                column.defaultExpression = TokenReader.text(expression)
            } else if reader.take("generated") {
                let always = reader.take("always")
                if !always { _ = reader.take("by") && reader.take("default") }
                _ = reader.take("as")
                if reader.take("identity") {
                    column.identity = always ? "always" : "by default"
                    column.notNull = true
                    if reader.take("(") { _ = reader.balanced() }
                } else if reader.take("(") {
                    column.generation = TokenReader.text(reader.balanced())
                    _ = reader.take("stored")
                }
            } else if reader.take("check") {
                if reader.take("(") { _ = reader.balanced() }
            } else if reader.take("references") {
                reader.skipReference()
            } else {
                _ = reader.next()
            }
        }
        return column
    }
}

extension PostgresSchemaInventory {
    /// Reads a statement's tokens from the front: keywords taken when they come, names, a
    /// parenthesised list split at its top-level commas.
    struct TokenReader {
        private let tokens: [Token]
        private(set) var position = 0

        init(_ tokens: [Token]) { self.tokens = tokens }

        var isAtEnd: Bool { position >= tokens.count }

        func peek(_ keyword: String) -> Bool {
            guard position < tokens.count else { return false }
            let token = tokens[position]
            return token.is(keyword) || (token.kind == .symbol && token.text == keyword)
        }

        /// Takes the next token when it is `keyword` (a word, or a symbol such as `(`).
        mutating func take(_ keyword: String) -> Bool {
            guard peek(keyword) else { return false }
            position += 1
            return true
        }

        mutating func next() -> Token? {
            guard position < tokens.count else { return nil }
            position += 1
            return tokens[position - 1]
        }

        /// A name, unquoted (folded to lower case) or quoted (kept as written).
        mutating func name() -> String? {
            guard let name = peekName() else { return nil }
            position += 1
            return name
        }

        func peekName() -> String? {
            guard position < tokens.count, tokens[position].kind == .word || tokens[position].kind == .quoted else {
                return nil
            }
            return tokens[position].text
        }

        /// The tokens up to the `)` that closes the one just taken (which is consumed).
        mutating func balanced() -> [Token] {
            var depth = 1
            var taken: [Token] = []
            while let token = next() {
                if token.kind == .symbol, token.text == "(" { depth += 1 }
                if token.kind == .symbol, token.text == ")" {
                    depth -= 1
                    if depth == 0 { break }
                }
                taken.append(token)
            }
            return taken
        }

        /// The elements of a list, split at top-level commas: up to the `)` that closes the one just
        /// taken, or (`closing` false) to the end of the statement.
        mutating func elements(closing: Bool = true) -> [[Token]] {
            let body = closing ? balanced() : rest()
            var elements: [[Token]] = [[]]
            var depth = 0
            for token in body {
                if token.kind == .symbol, token.text == "(" { depth += 1 }
                if token.kind == .symbol, token.text == ")" { depth -= 1 }
                if token.kind == .symbol, token.text == ",", depth == 0 {
                    elements.append([])
                } else {
                    elements[elements.count - 1].append(token)
                }
            }
            return elements.filter { !$0.isEmpty }
        }

        mutating func rest() -> [Token] {
            defer { position = tokens.count }
            return Array(tokens[min(position, tokens.count)...])
        }

        /// The tokens up to (not including) the first top-level word of `words`.
        mutating func until(_ words: Set<String>) -> [Token] {
            var taken: [Token] = []
            var depth = 0
            while position < tokens.count {
                let token = tokens[position]
                if depth == 0, token.kind == .word, words.contains(token.text) { break }
                if token.kind == .symbol, token.text == "(" { depth += 1 }
                if token.kind == .symbol, token.text == ")" { depth -= 1 }
                taken.append(token)
                position += 1
            }
            return taken
        }

        /// Skips a column's `REFERENCES table (column)` and its `ON DELETE`/`ON UPDATE` actions,
        /// whose `SET NULL` and `SET DEFAULT` are not the column's own.
        mutating func skipReference() {
            _ = name()
            if take("(") { _ = balanced() }
            while take("on") {
                _ = take("delete") || take("update")
                if take("set") {
                    _ = next()
                    if take("(") { _ = balanced() }
                } else if take("no") {
                    _ = take("action")
                } else {
                    _ = next()
                }
            }
        }

        /// Tokens as text: words and symbols separated by one space, string literals as written.
        static func text(_ tokens: [Token]) -> String {
            tokens.map { $0.kind == .quoted ? "\"\($0.text)\"" : $0.text }.joined(separator: " ")
        }
    }
}

/// Text made safe for a terminal: a label with an escape sequence or a line break must not
/// repaint the screen or split a table row.
enum TerminalText {
    static func clean(_ text: String) -> String {
        String(
            text.map { character in
                character.isNewline
                    || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                    ? " " : character
            })
    }
}

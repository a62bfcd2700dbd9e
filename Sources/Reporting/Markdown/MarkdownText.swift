import BenchModel

/// Text made safe for one GitHub-flavoured Markdown table cell, list item or paragraph line: whatever a user
/// put in a label or a baseline name shows literally and cannot break the table or add markup.
package enum MarkdownText {
    /// Backslash-escapes the characters that start markup, HTML or a cell boundary (`|`), and
    /// folds line breaks and other control characters into spaces.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character.isNewline
                || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                escaped += " "
            } else if character.isASCII, Self.markup.contains(character) {
                escaped += "\\" + String(character)
            } else if character.unicodeScalars.contains(where: VisibleText.isInvisible) {
                // A bidi override or a zero-width character would print as nothing, or reorder the line.
                for scalar in character.unicodeScalars {
                    if VisibleText.isInvisible(scalar) {
                        escaped += VisibleText.shown(scalar)
                    } else {
                        escaped.unicodeScalars.append(scalar)
                    }
                }
            } else {
                escaped.append(character)
            }
        }
        return escaped
    }

    private static let markup: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#", "!"]
}

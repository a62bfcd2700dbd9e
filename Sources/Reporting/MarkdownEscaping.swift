/// Text made safe for one line of GitHub-flavoured Markdown (a paragraph, a list item or a
/// table cell): labels, reasons and baseline names show literally and cannot add markup, raw
/// HTML or a cell boundary. The same rule as the gate's Markdown summary, which keeps its
/// escaping internal to the Regression module.
enum MarkdownEscaping {
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character.isNewline || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                escaped += " "
            } else if character.isASCII, markup.contains(character) {
                escaped += "\\" + String(character)
            } else {
                escaped.append(character)
            }
        }
        return escaped
    }

    private static let markup: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#", "!"]
}

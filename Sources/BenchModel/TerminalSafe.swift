/// Text a user gave (a label, a baseline name, a path), made safe to print on a terminal: control
/// characters (ESC, BEL, CR, newlines, …) and the invisible characters that reorder text are
/// shown as escapes instead of acting on the terminal. What was given is stored as given; only
/// its display changes.
package enum TerminalSafe {
    /// `text` on one line: every control character escaped, newlines and tabs included.
    package static func inline(_ text: String) -> String {
        escape(text, keeping: [])
    }

    /// `text` with its line breaks and tabs kept, every other control character escaped: for
    /// output that is meant to span lines (a table, a report).
    package static func block(_ text: String) -> String {
        escape(text, keeping: ["\n", "\t"])
    }

    private static func escape(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) && !kept.contains($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar), !kept.contains(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u{" + hex + "}"
            }
        }
        return result
    }

    /// JSON for a terminal: what ``block(_:)`` escapes, escaped as JSON does it (`\u202e`), so
    /// that the text stays valid JSON. Line breaks and tabs, which a pretty-printed document
    /// holds only between its tokens, are kept.
    package static func json(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar), scalar != "\n", scalar != "\t" {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls, DEL, the bidirectional overrides and isolates that can make a line
    /// read differently from what it holds, and every other character that prints as nothing
    /// (``VisibleText/isInvisible(_:)``: a zero-width space would make two names print alike).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x20...0x7E: return false
        default: return VisibleText.isInvisible(scalar)
        }
    }
}

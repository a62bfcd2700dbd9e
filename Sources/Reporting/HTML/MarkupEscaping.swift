import BenchModel

/// Text made safe for the markup the reports write — HTML and SVG (as XHTML-compatible markup)
/// and JUnit XML: whatever a user put in a label, a note, a baseline name or a container's
/// output shows literally and cannot open an element, close an attribute or start a script.
enum MarkupEscaping {
    /// Escapes `&`, `<`, `>` and both quotes. In attributes, tabs and line breaks become character
    /// references, since an XML parser would otherwise normalise them to spaces. Characters that
    /// XML 1.0 cannot carry (most control characters) become U+FFFD, so that every page and
    /// JUnit file also parses as XML.
    static func escape(_ text: String, inAttribute: Bool = false) -> String {
        // Most text (figures, metric names, dates) needs nothing: hand it back as it is.
        if text.utf8.allSatisfy(isPlain) { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\r": escaped += "&#13;"
            case "\n" where inAttribute: escaped += "&#10;"
            case "\t" where inAttribute: escaped += "&#9;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            // A bidi override or a zero-width character would print as nothing, or reorder the line.
            case _ where isAllowed(scalar) && VisibleText.isInvisible(scalar): escaped += VisibleText.shown(scalar)
            default: escaped.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// Printable ASCII that is not markup.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): false
        case 0x20...0x7E: true
        default: false
        }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

/// Builds markup with every text escaped on the way in.
struct HTMLBuilder {
    private(set) var html = ""

    init() { html.reserveCapacity(64 * 1024) }

    /// Appends trusted markup written by the renderer itself.
    mutating func raw(_ markup: String) { html += markup }

    /// Appends escaped text.
    mutating func text(_ text: String) { html += MarkupEscaping.escape(text) }

    /// `<tag attributes>escaped text</tag>`; attribute values are escaped too.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        html += "<\(tag)\(Self.attributes(attributes))>\(MarkupEscaping.escape(text))</\(tag)>"
    }

    /// `<tag attributes>`, then the body, then `</tag>`.
    mutating func element(
        _ tag: String, _ attributes: KeyValuePairs<String, String> = [:], body: (inout HTMLBuilder) -> Void
    ) {
        html += "<\(tag)\(Self.attributes(attributes))>"
        body(&self)
        html += "</\(tag)>"
    }

    static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        var text = ""
        for (key, value) in attributes { text += " \(key)=\"\(MarkupEscaping.escape(value, inAttribute: true))\"" }
        return text
    }
}

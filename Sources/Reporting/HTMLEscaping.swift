/// Text made safe for HTML and SVG, which the report writes as XHTML-compatible markup:
/// whatever a user put in a label, a note, a baseline name or a container's output shows
/// literally and cannot open an element, close an attribute or start a script.
enum HTMLEscaping {
    /// For element content and attribute values alike (quotes are always escaped). Characters
    /// that XML 1.0 cannot carry (most control characters) become U+FFFD, so that the page
    /// also parses as XML; tabs and line breaks stay.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case "\r": escaped += "&#13;"
            default: escaped.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
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
    mutating func text(_ text: String) { html += HTMLEscaping.escape(text) }

    /// `<tag attributes>escaped text</tag>`; attribute values are escaped too.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        html += "<\(tag)\(Self.attributes(attributes))>\(HTMLEscaping.escape(text))</\(tag)>"
    }

    /// `<tag attributes>`, then the body, then `</tag>`.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:], body: (inout HTMLBuilder) -> Void) {
        html += "<\(tag)\(Self.attributes(attributes))>"
        body(&self)
        html += "</\(tag)>"
    }

    static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(HTMLEscaping.escape($0.value))\"" }.joined()
    }
}

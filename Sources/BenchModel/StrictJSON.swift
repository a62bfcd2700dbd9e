import Foundation

/// The one check every JSON document this tool reads passes before it is decoded: valid JSON as
/// RFC 8259 defines it, in UTF-8, and no object that holds a key twice.
///
/// Foundation has no option for this. `JSONDecoder` silently keeps the first of two equal keys and
/// `JSONSerialization` the last, while jq, Python and Go keep the last: a profile with `"user"`
/// twice would run as the first user here and be shown as the second by every other tool. Beyond
/// RFC 8259 Foundation also accepts a trailing comma, UTF-16 text, lone surrogate escapes in some
/// places, and merges keys that differ only in Unicode normalisation (Swift's `String` equality);
/// all of those are refused here, so that what a decoder reads is what any other reader reads.
///
/// Keys are compared after JSON unescaping (`"a"` and `"\u0061"` are one key). Keys that differ
/// only in normalisation ("K" and U+212A KELVIN SIGN) are different JSON keys, but Foundation
/// would take them as one, so they are refused as ``JSONDocumentProblem/equivalentKeys(path:first:second:)``.
///
/// Hand-written rather than a library: no package in the dependency graph reports duplicate keys,
/// and the check must see the document exactly as bytes. It runs in one pass, in time linear in
/// the document's size, with an explicit stack (no recursion), and refuses nesting deeper than
/// ``maximumDepth`` as Foundation's own parser does.
package enum StrictJSON {
    /// Foundation's parser refuses deeper nesting, so no document the tool reads is deeper.
    package static let maximumDepth = 512

    /// What a document's top level is.
    package enum Kind: Sendable, Hashable {
        case object, array, string, number, boolean, null
    }

    /// Checks `data`; returns what its top level is.
    @discardableResult
    package static func check(_ data: Data) throws(JSONDocumentProblem) -> Kind {
        let outcome = data.withUnsafeBytes { raw in
            var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.run()
        }
        return try outcome.get()
    }

    /// Checks `text` (as its UTF-8 bytes).
    @discardableResult
    package static func check(_ text: String) throws(JSONDocumentProblem) -> Kind {
        try check(Data(text.utf8))
    }

    /// `specs[2].samples[0].value` for the components `specs`, 2, `samples`, 0, `value`; a key
    /// that is not a plain name is written in brackets as a JSON string (`pages["run-1.html"]`).
    static func path(_ components: [PathComponent]) -> String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where isPlainName(key):
                text += (text.isEmpty ? "" : ".") + key
            case .key(let key):
                text += "[\"" + JSONDocumentProblem.visible(key) + "\"]"
            }
        }
        return text
    }

    enum PathComponent {
        case key(String)
        case index(Int)
    }

    private static func isPlainName(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
                default: return false
                }
            }
    }
}

/// Why ``StrictJSON`` refused a document before any decoder saw it: a key that one object holds
/// twice, or text that is not JSON as RFC 8259 defines it. Every reader of a document says which
/// document, and whether that makes it bad input (a file the user named) or a damaged store.
package enum JSONDocumentProblem: CategorizedError, Sendable, Hashable {
    /// One object holds the same key twice, compared after JSON unescaping (`"a"` and `"\u0061"`
    /// are one key). `path` names the second one: `specs[2].samples[0].value`.
    case duplicateKey(path: String)
    /// One object holds two keys that JSON tells apart but Swift's `String` does not, because they
    /// differ only in Unicode normalisation ("K" and U+212A KELVIN SIGN): Foundation's decoders
    /// would read them as one key and keep one value silently, so the document is as ambiguous as
    /// one with a duplicate. `path` names the second one; `first` and `second` are both spellings.
    case equivalentKeys(path: String, first: String, second: String)
    /// Not JSON: what is wrong, and where (1-based line, and column in bytes).
    case invalid(reason: String, line: Int, column: Int)

    package var kind: FailureKind { .badInput }

    /// The key path of the key at fault (`specs[2].samples[0].value`); nil when the document
    /// itself is not JSON.
    package var keyPath: String? {
        switch self {
        case .duplicateKey(let path), .equivalentKeys(let path, _, _): return path
        case .invalid: return nil
        }
    }

    /// What is wrong, as a sentence that follows "… is invalid at <key path>:".
    package var reason: String {
        switch self {
        case .duplicateKey:
            return "the key appears twice in one object, and JSON readers disagree about which value counts "
                + "(the first or the last); keep one."
        case .equivalentKeys(_, let first, let second):
            return "the object holds this key twice, spelt \"\(Self.visible(first))\" and \"\(Self.visible(second))\": "
                + "the same text in two Unicode forms, which a reader takes as one key. Keep one."
        case .invalid(let reason, let line, let column):
            return "it is not valid JSON: \(reason) at line \(line), column \(column)."
        }
    }

    /// The problem in a few words, for a sentence of the reader's own: "the key \"user\" appears twice in one object".
    package var summary: String {
        switch self {
        case .duplicateKey(let path): return "the key \"\(path)\" appears twice in one object"
        case .equivalentKeys(let path, _, _):
            return "the key \"\(path)\" appears twice in one object, in two Unicode forms"
        case .invalid(let reason, let line, let column):
            return "text that is not JSON: \(reason) at line \(line), column \(column)"
        }
    }

    /// The problem in the shape every document reader reports (`… is invalid at "x": reason`).
    package var sentence: DecodingErrorSentence.Problem {
        DecodingErrorSentence.Problem(keyPath: keyPath, reason: reason)
    }

    package var description: String { "The JSON document is invalid\(sentence.clause)" }

    /// A key with every scalar outside printable ASCII written as a JSON escape, so that two
    /// spellings that look alike show how they differ.
    static func visible(_ key: String) -> String {
        var text = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case " "..."~": text.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        return text
    }
}

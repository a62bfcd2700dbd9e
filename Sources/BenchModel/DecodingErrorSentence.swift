import Foundation

/// A `DecodingError` in plain words: where it happened (a key path such as `rules[0].metric`, nil
/// at the top level) and what is wrong. Foundation's own texts ("The data couldn't be read…")
/// never reach a user.
package enum DecodingErrorSentence {
    package struct Problem: Sendable, Equatable {
        /// `rules[0].metric`; nil when the problem is the document itself.
        package var keyPath: String?
        package var reason: String

        package init(keyPath: String?, reason: String) {
            self.keyPath = keyPath
            self.reason = reason
        }

        /// "at \"memory\": reason" or ": reason", to follow "… is invalid".
        package var clause: String {
            keyPath.map { " at \"\($0)\": \(reason)" } ?? ": \(reason)"
        }
    }

    package static func describe(_ error: DecodingError) -> Problem {
        switch error {
        case .typeMismatch(let type, let context):
            return Problem(keyPath: keyPath(context.codingPath), reason: "expected \(expected(type)).")
        case .valueNotFound(let type, let context):
            return Problem(keyPath: keyPath(context.codingPath), reason: "expected \(expected(type)), found null.")
        case .keyNotFound(let key, let context):
            return Problem(keyPath: keyPath(context.codingPath + [key]), reason: "is missing.")
        case .dataCorrupted(let context):
            // At the top level, only the parser complains: the document itself is not JSON.
            if context.codingPath.isEmpty {
                return Problem(keyPath: nil, reason: "it is not valid JSON.")
            }
            let reason =
                context.debugDescription.hasSuffix(".") ? context.debugDescription : context.debugDescription + "."
            return Problem(keyPath: keyPath(context.codingPath), reason: reason)
        @unknown default:
            return Problem(keyPath: nil, reason: "it could not be read.")
        }
    }

    /// `rules[0].metric` from a coding path; nil for the empty path.
    package static func keyPath(_ path: [any CodingKey]) -> String? {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? nil : text
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type: return "a whole number"
        case is [String].Type: return "an array of strings"
        default: return "a value of another type"
        }
    }
}

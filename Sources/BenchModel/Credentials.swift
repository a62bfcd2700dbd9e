import Foundation

/// Passwords never printed: `scheme://user:secret@host` (also misspelt, as `postgres:/u:secret@h`
/// or `jdbc:postgresql://…`, which the tool reads as a file path and echoes in its error) and
/// `password=secret` in a query, in any case. Every message that can repeat what a user typed as
/// a database or an engine goes through here.
package enum Credentials {
    package static func redacted(_ text: String) -> String {
        guard text.contains("@") || text.range(of: "password", options: .caseInsensitive) != nil else { return text }
        var result = text.replacingOccurrences(
            of: #"([A-Za-z][A-Za-z0-9+.-]*:/*[^/@:\s]*):[^\s/]*@"#, with: "$1:***@", options: .regularExpression)
        result = result.replacingOccurrences(
            of: #"(?i)(password=)[^&\s]*"#, with: "$1***", options: .regularExpression)
        return result
    }
}

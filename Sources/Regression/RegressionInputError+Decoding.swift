import BenchModel
import Foundation

extension RegressionInputError {
    /// The one place where a failure to decode a configuration becomes a one-line sentence: the
    /// configuration's own refusals as they are, at their key path ("rules[0].metric"); a key
    /// twice in one object, or text that is not JSON, as ``StrictJSON`` found it (with its line
    /// and column). Foundation's own texts ("The data couldn't be read because it isn't in the
    /// correct format.") never reach a user. `source` is the file, when the configuration is one.
    init(decoding error: any Error, source: String?) {
        let subject = Self.subject(source)
        if case .invalid(let reason, let line, let column) = error as? JSONDocumentProblem {
            self = RegressionInputError("\(subject) is not valid JSON: \(reason) at line \(line), column \(column).")
            return
        }
        if let problem = error as? JSONDocumentProblem {
            self = .invalidConfiguration(key: problem.keyPath ?? "", reason: problem.reason, subject: subject)
            return
        }
        guard let decodingError = error as? DecodingError else {
            self = RegressionInputError("\(subject) could not be read.")
            return
        }
        if decodingError.isRefusal, case .dataCorrupted(let context) = decodingError {
            self = .invalidConfiguration(
                key: Self.keyPath(context.codingPath), reason: context.debugDescription, subject: subject)
            return
        }
        // Valid JSON that the typed reads let through unexplained: say where, in plain words.
        let (key, reason): (String, String) =
            switch decodingError {
            case .keyNotFound(let key, let context): (Self.keyPath(context.codingPath + [key]), "is missing.")
            case .valueNotFound(_, let context): (Self.keyPath(context.codingPath), "is null.")
            case .typeMismatch(_, let context): (Self.keyPath(context.codingPath), "has the wrong type.")
            case .dataCorrupted(let context):
                (Self.keyPath(context.codingPath), "is not a value the configuration can use.")
            @unknown default: ("", "could not be read.")
            }
        self = .invalidConfiguration(key: key, reason: reason, subject: subject)
    }

    /// "The configuration file ci/regression.json", or "The configuration" when it is no file.
    static func subject(_ source: String?) -> String {
        source.map { "The configuration file \(TerminalSafe.inline($0))" } ?? "The configuration"
    }

    /// "rules[0].metric" for the coding path [rules, 0, metric]; "" for the top level.
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        DecodingErrorSentence.keyPath(codingPath) ?? ""
    }
}

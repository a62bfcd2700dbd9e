import BenchModel
import Foundation

extension RegressionInputError {
    /// The one place where a failure to decode a configuration becomes a one-line sentence: the
    /// configuration's own refusals as they are, at their key path ("rules[0].metric"); a syntax
    /// error with the parser's position. Foundation's own texts ("The data couldn't be read
    /// because it isn't in the correct format.") never reach a user.
    init(decoding error: any Error, document: Data) {
        guard let decodingError = error as? DecodingError else {
            self = Self.syntaxError(in: document) ?? RegressionInputError("The configuration could not be read.")
            return
        }
        if decodingError.isRefusal, case .dataCorrupted(let context) = decodingError {
            self = .invalidConfiguration(key: Self.keyPath(context.codingPath), reason: context.debugDescription)
            return
        }
        if let syntaxError = Self.syntaxError(in: document) {
            self = syntaxError
            return
        }
        // Valid JSON that the typed reads let through unexplained: say where, in plain words.
        self =
            switch decodingError {
            case .keyNotFound(let key, let context):
                .invalidConfiguration(key: Self.keyPath(context.codingPath + [key]), reason: "is missing.")
            case .valueNotFound(_, let context):
                .invalidConfiguration(key: Self.keyPath(context.codingPath), reason: "is null.")
            case .typeMismatch(_, let context):
                .invalidConfiguration(key: Self.keyPath(context.codingPath), reason: "has the wrong type.")
            case .dataCorrupted(let context):
                .invalidConfiguration(
                    key: Self.keyPath(context.codingPath), reason: "is not a value the configuration can use.")
            @unknown default:
                RegressionInputError("The configuration could not be read.")
            }
    }

    /// "rules[0].metric" for the coding path [rules, 0, metric]; "" for the top level.
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        DecodingErrorSentence.keyPath(codingPath) ?? ""
    }

    /// JSONDecoder only says "The given data was not valid JSON."; JSONSerialization says where
    /// ("Invalid value around character 16."). Nil when the document is valid JSON.
    private static func syntaxError(in document: Data) -> RegressionInputError? {
        do {
            _ = try JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail =
                (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "the parser gave no detail."
            return RegressionInputError("The configuration is not valid JSON: \(detail)")
        }
    }
}

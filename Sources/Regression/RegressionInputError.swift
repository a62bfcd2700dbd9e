import BenchModel

/// Input the regression rules cannot work with: a threshold, statistic or configuration file
/// that does not say one unambiguous thing. Always a `.badInput` failure (exit code 2).
package struct RegressionInputError: CategorizedError, Hashable, Sendable {
    package let description: String
    package var kind: FailureKind { .badInput }

    package init(_ description: String) {
        self.description = description.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func invalidValue(of option: String, text: String, reason: String) -> RegressionInputError {
        RegressionInputError("\(option) \"\(text)\" \(reason)")
    }

    /// "The configuration is invalid at "rules[0].metric": reason"; a document that is not JSON
    /// at all is invalid "as a whole". `subject` names the file when there is one.
    static func invalidConfiguration(key: String, reason: String, subject: String = "The configuration")
        -> RegressionInputError
    {
        RegressionInputError("\(subject) is invalid at \(key.isEmpty ? "its top level" : "\"\(key)\""): \(reason)")
    }
}

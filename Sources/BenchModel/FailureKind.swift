/// The documented outcome classes of the command line; each maps to one exit code.
package enum FailureKind: Int32, Sendable, Codable {
    /// Usage, unknown run or baseline, invalid configuration.
    case badInput = 2
    /// Docker unreachable, image missing, database locked, unwritable or not a database.
    case environment = 3
    /// A spec could not produce valid samples.
    case suiteFailure = 4

    package var exitCode: Int32 { rawValue }
}

/// An error that knows which exit code it stands for. Its `description` is one sentence
/// (or two: what happened, then what to do) and fits on one line.
package protocol CategorizedError: Error, CustomStringConvertible {
    var kind: FailureKind { get }
}

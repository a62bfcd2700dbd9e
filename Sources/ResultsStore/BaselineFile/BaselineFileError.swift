import BenchModel

/// Why a baseline file was refused: one sentence that names the file, and the key when one key
/// is at fault. All of them are bad input (exit 2): the file named is not one to compare with.
package enum BaselineFileError: CategorizedError, Sendable, Equatable {
    case unreadable(source: String, reason: String)
    case notJSON(source: String)
    case notABaselineFile(source: String, format: String?)
    case newerFormat(source: String, version: Int)
    case invalid(source: String, keyPath: String?, reason: String)

    package var kind: FailureKind { .badInput }

    package var description: String {
        switch self {
        case .unreadable(let source, let reason):
            return "Cannot read the baseline file \(TerminalSafe.inline(source)): \(reason)."
        case .notJSON(let source):
            return "The baseline file \(TerminalSafe.inline(source)) is not a JSON object."
        case .notABaselineFile(let source, let format):
            let found = format.map { "its format is \"\(TerminalSafe.inline($0))\"" } ?? "it names no format"
            return
                "\(TerminalSafe.inline(source)) is not a sandbox-bench baseline file (\(found), "
                + "not \"\(BaselineFile.formatName)\")."
        case .newerFormat(let source, let version):
            return
                "The baseline file \(TerminalSafe.inline(source)) has format version \(version), newer than version "
                + "\(BaselineFile.currentFormatVersion) that sandbox-bench \(ToolVersion.current) reads."
        case .invalid(let source, let keyPath, let reason):
            let at = keyPath.map { " at \"\(TerminalSafe.inline($0))\"" } ?? ""
            return "The baseline file \(TerminalSafe.inline(source)) is invalid\(at): \(TerminalSafe.inline(reason))"
        }
    }
}

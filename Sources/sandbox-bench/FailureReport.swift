import BenchModel
import Foundation

/// Prints failures the way every command does: one line on stderr, prefixed with the tool's name.
enum FailureReport {
    static func print(_ message: String) {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        writeToStandardError("sandbox-bench: error: \(line)\n")
    }

    static func warn(_ message: String) {
        writeToStandardError("sandbox-bench: warning: \(message)\n")
    }

    static func exit(_ kind: FailureKind) -> Never {
        Foundation.exit(kind.exitCode)
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

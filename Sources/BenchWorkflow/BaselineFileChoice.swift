import Foundation
import ResultsStore

/// A baseline file named with `--baseline-file`, read and checked once, before anything measures,
/// with its content as read: a gate stores that content with its decision, so that a later gate
/// of the run compares with exactly it, whatever happens to the file.
package struct BaselineFileChoice: Sendable, Equatable {
    package var path: String
    package var file: BaselineFile
    /// The file's content, and its SHA-256.
    package var content: StoredBaselineFile

    package init(path: String, file: BaselineFile, content: StoredBaselineFile) {
        self.path = path
        self.file = file
        self.content = content
    }

    package static func read(path: String) throws -> BaselineFileChoice {
        let data = try BaselineFile.contents(of: path)
        let file = try BaselineFile(json: data, source: path)
        // A valid baseline file is JSON, which is UTF-8 here: kept as text, it reads back the same.
        guard let text = String(data: data, encoding: .utf8) else {
            throw BaselineFileError.invalid(source: path, keyPath: nil, reason: "it is not UTF-8 text.")
        }
        return BaselineFileChoice(path: path, file: file, content: StoredBaselineFile(content: text))
    }

    /// The file's name without its folder: how labels name it, so that the same file gives the
    /// same comparison wherever it lies.
    package var fileName: String { URL(fileURLWithPath: path).lastPathComponent }
}

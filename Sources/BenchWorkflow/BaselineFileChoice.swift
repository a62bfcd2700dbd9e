import Foundation
import ResultsStore

/// A baseline file named with `--baseline-file`, read and checked once, before anything measures.
package struct BaselineFileChoice: Sendable, Equatable {
    package var path: String
    package var file: BaselineFile

    package init(path: String, file: BaselineFile) {
        self.path = path
        self.file = file
    }

    package static func read(path: String) throws -> BaselineFileChoice {
        BaselineFileChoice(path: path, file: try BaselineFile.read(path: path))
    }

    /// The file's name without its folder: how labels name it, so that the same file gives the
    /// same comparison wherever it lies.
    package var fileName: String { URL(fileURLWithPath: path).lastPathComponent }
}

import BenchModel
import Foundation

extension BaselineFile {
    /// Files larger than this are refused: a year of a full suite's samples is far smaller.
    package static let maximumFileBytes = 256 << 20

    /// Reads and checks the baseline file at `path`: a regular file (a FIFO would block the reader
    /// forever, see `InputFile`), at most ``maximumFileBytes``, of a format version this sandbox-bench reads.
    package static func read(path: String) throws(BaselineFileError) -> BaselineFile {
        try BaselineFile(json: try contents(of: path), source: path)
    }

    /// The bytes of the file at `path`, read as ``read(path:)`` reads them.
    package static func contents(of path: String) throws(BaselineFileError) -> Data {
        do {
            return try InputFile.contents(at: path, limit: maximumFileBytes)
        } catch {
            throw .unreadable(source: path, reason: error.reason)
        }
    }
}

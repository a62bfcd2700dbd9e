import BenchModel
import Foundation

extension RegressionConfiguration {
    /// Reads the configuration file at `url`. A file that cannot be read is a `RegressionInputError`
    /// that gives the path and says why in plain words; a FIFO or a device is refused unread.
    package init(contentsOf url: URL) throws {
        try self.init(json: try Self.fileContents(at: url.path), source: url.path)
    }

    /// The bytes of the configuration file at `path`, refused with the reason when it cannot be read.
    package static func fileContents(at path: String) throws -> Data {
        do {
            return try InputFile.contents(at: path)
        } catch {
            throw RegressionInputError("Cannot read the configuration file \(path): \(error.reason).")
        }
    }
}

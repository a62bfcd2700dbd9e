import BenchModel
import Foundation

extension RegressionConfiguration {
    /// Reads the configuration file at `url`. A file that cannot be read is a `RegressionInputError`
    /// that gives the path and says why in plain words; a FIFO or a device is refused unread.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try InputFile.contents(at: url.path)
        } catch {
            throw RegressionInputError("Cannot read the configuration file \(url.path): \(error.reason).")
        }
        try self.init(json: data)
    }
}

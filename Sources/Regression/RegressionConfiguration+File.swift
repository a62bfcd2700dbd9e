import Foundation

extension RegressionConfiguration {
    /// Reads the configuration file at `url`. A file that cannot be read is a `RegressionInputError`
    /// that gives the path and says why in plain words.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RegressionInputError("Cannot read the configuration file \(url.path): \(Self.readProblem(error))")
        }
        try self.init(json: data)
    }

    /// Why a file could not be read, from the system's error number when there is one: Foundation's
    /// own text ("The file couldn't be opened.", "NSCocoaErrorDomain error 260") says neither why
    /// nor what to do.
    private static func readProblem(_ error: any Error) -> String {
        // The system's error is the underlying one, a `POSIXError` or an NSError depending on the platform.
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error
        for candidate in [error] + (underlying.map { [$0] } ?? []) {
            let nsError = candidate as NSError
            if nsError.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(nsError.code)) {
                return sentence(for: code)
            }
        }
        return switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?: "it does not exist."
        case .fileReadNoPermission?: "permission denied: this user may not read it."
        case .fileReadTooLarge?: "it is too large to read."
        default: "it could not be read."
        }
    }

    private static func sentence(for code: POSIXErrorCode) -> String {
        switch code {
        case .ENOENT: "it does not exist."
        case .EISDIR: "it is a directory."
        case .ENOTDIR: "a part of its path is not a directory."
        case .EACCES, .EPERM: "permission denied: this user may not read it."
        case .ELOOP: "its path has too many symbolic links (a loop?)."
        case .ENAMETOOLONG: "its path is too long."
        case .EIO: "the disk reported an input/output error."
        case .EMFILE, .ENFILE: "too many files are open."
        case .ENOMEM: "there is not enough memory to read it."
        default: "the system reports \"\(String(cString: strerror(code.rawValue)))\"."
        }
    }
}

import Foundation

/// libpq's TLS settings, read as libpq reads them: `sslmode`, `sslrootcert`, `sslcert` and
/// `sslkey` from the URL, else `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT` and `PGSSLKEY`, else
/// libpq's defaults (`prefer`; `~/.postgresql/root.crt`, `postgresql.crt`, `postgresql.key`).
///
/// - `verify-ca` checks that the server's certificate is signed by a root of `sslrootcert`;
///   `verify-full` also that it names the host connected to. `require` verifies the CA as
///   `verify-ca` does when a root certificate file is there (given, or the default one exists),
///   as libpq does; otherwise it encrypts without checking who answers.
/// - `sslrootcert=system` trusts the system's certificate authorities.
/// - A client certificate (`sslcert`, with its key `sslkey`) is offered when given, or when the
///   default files exist: what a `clientcert=verify-full` line of `pg_hba.conf` asks for.
package struct PostgresTLS: Sendable, Hashable {
    package enum Mode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package var mode: Mode = .prefer
    /// PEM file of trusted roots; `system` for the system's.
    package var rootCertificate: String?
    package var clientCertificate: String?
    package var clientKey: String?
    /// Whether `mode` was set by the URL or `PGSSLMODE` (libpq's `require` with a root file
    /// verifies only then — the default `prefer` never does).
    private var modeGiven = false

    package init(mode: Mode = .prefer) {
        self.mode = mode
    }

    init(environment: [String: String], refuse: (String) -> PostgresLocationError) throws(PostgresLocationError) {
        for (variable, parameter) in [
            ("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert"), ("PGSSLCERT", "sslcert"),
            ("PGSSLKEY", "sslkey"),
        ] {
            if let value = environment[variable], !value.isEmpty {
                try set(parameter, to: value, refuse: { refuse("\(variable): " + $0) })
            }
        }
    }

    mutating func set(_ parameter: String, to value: String, refuse: (String) -> PostgresLocationError)
        throws(PostgresLocationError)
    {
        switch parameter {
        case "sslmode":
            guard let mode = Mode(rawValue: value) else {
                throw refuse("sslmode must be " + Mode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.mode = mode
            modeGiven = true
        default:
            guard !value.isEmpty else { throw refuse("\(parameter) needs a file path") }
            switch parameter {
            case "sslrootcert": rootCertificate = value
            case "sslcert": clientCertificate = value
            default: clientKey = value
            }
        }
    }

    /// The defaults of libpq filled in from `home` (`~/.postgresql/`): the root file for the
    /// verifying modes (and for `require`, when it exists), the client pair when it exists.
    func resolved(home: String?) -> PostgresTLS {
        var settings = self
        guard mode != .disable else { return settings }
        let folder = home.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + ".postgresql/" }
        func existing(_ path: String?) -> String? {
            path.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        }
        if settings.rootCertificate == nil {
            let root = folder.map { $0 + "root.crt" }
            settings.rootCertificate =
                (mode == .verifyCA || mode == .verifyFull) ? root : (modeGiven ? existing(root) : nil)
        }
        if mode == .require, settings.rootCertificate != nil, modeGiven { settings.mode = .verifyCA }
        if settings.clientCertificate == nil {
            settings.clientCertificate = existing(folder.map { $0 + "postgresql.crt" })
        }
        if settings.clientCertificate != nil, settings.clientKey == nil {
            settings.clientKey = folder.map { $0 + "postgresql.key" }
        }
        return settings
    }
}

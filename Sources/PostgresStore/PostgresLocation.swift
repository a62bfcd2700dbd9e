import BenchModel
import Foundation

/// A PostgreSQL database named by a URL: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`, or
/// `postgres://…`, with `?host=/var/run/postgresql` for a Unix socket folder and, for TCP,
/// libpq's TLS settings (``PostgresTLS``: `sslmode`, `sslrootcert`, `sslcert`, `sslkey`, or
/// `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY`); `connect_timeout=SECONDS` (as libpq, also
/// `PGCONNECT_TIMEOUT`) and `statement_timeout=SECONDS` bound every wait for the server
/// (``PostgresDeadlines``). The password comes from the URL, else
/// `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`); it is never part of
/// ``displayName``, which is how every message names the database.
package struct PostgresLocation: Sendable, Hashable {
    package typealias TLSMode = PostgresTLS.Mode

    package var user: String
    /// A TCP host name or address; nil when ``socketFolder`` is set.
    package var host: String?
    /// The folder of the server's Unix socket (`.s.PGSQL.PORT` inside it).
    package var socketFolder: String?
    package var port: Int
    package var database: String
    package var tls: TLSMode { tlsSettings.mode }
    /// The TLS mode and the files it uses.
    package var tlsSettings: PostgresTLS
    /// How long a connection and each statement may wait for the server.
    package var deadlines = PostgresDeadlines()
    /// Kept out of `description`, `displayName` and every error.
    package var password: String?

    /// True for text that names a PostgreSQL database rather than a file.
    package static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Reads a URL; `environment` supplies `PGPASSWORD`, `PGPASSFILE`, `HOME` and `USER`.
    package init(url text: String, environment: [String: String]) throws(PostgresLocationError) {
        func refuse(_ reason: String) -> PostgresLocationError { .malformed(Self.redacted(text), reason: reason) }
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw refuse("it is not a postgresql://USER@HOST[:PORT]/DB URL")
        }
        var socketFolder: String?
        var tlsSettings = try PostgresTLS(environment: environment, refuse: refuse)
        var user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        var deadlines = PostgresDeadlines()
        if let value = environment["PGCONNECT_TIMEOUT"], !value.isEmpty {
            deadlines.connect = try Self.seconds(value, of: "PGCONNECT_TIMEOUT", refuse: refuse)
        }
        var password = components.password
        var given = Set<String>()
        var port = components.port
        for item in components.queryItems ?? [] {
            // libpq lets the last of two values win; which one a reader of the URL meant is not known.
            guard given.insert(item.name).inserted else {
                throw refuse("the parameter \(item.name) is given twice; give it once")
            }
            switch item.name {
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw refuse("host= must name the folder of the server's Unix socket")
                }
                socketFolder = value
            case "sslmode", "sslrootcert", "sslcert", "sslkey":
                try tlsSettings.set(item.name, to: item.value ?? "", refuse: refuse)
            case "port":
                guard let value = item.value, let number = Int(value), (1...65_535).contains(number) else {
                    throw refuse("port must be a number from 1 to 65535")
                }
                port = number
            case "user":
                user = item.value.flatMap { $0.isEmpty ? nil : $0 } ?? user
            case "password":
                password = item.value
            case "connect_timeout":
                deadlines.connect = try Self.seconds(item.value, of: item.name, refuse: refuse)
            case "statement_timeout":
                deadlines.statement = try Self.seconds(item.value, of: item.name, refuse: refuse)
            default:
                throw refuse(
                    "the parameter \(item.name) is not supported (host, port, sslmode, sslrootcert, sslcert, "
                        + "sslkey, user, password, connect_timeout and statement_timeout are)")
            }
        }
        // A host that starts with a slash (percent-encoded) is a socket folder, as in libpq.
        var urlHost = components.host.flatMap { $0.isEmpty ? nil : $0 }
        // An IPv6 address is written in brackets: `postgresql://user@[::1]:5432/db`.
        if let bracketed = urlHost, bracketed.hasPrefix("["), bracketed.hasSuffix("]") {
            urlHost = String(bracketed.dropFirst().dropLast())
        }
        if let urlHost, let socketFolder, urlHost != socketFolder {
            throw refuse("it names two hosts, \(urlHost) and host=\(socketFolder); give one")
        }
        if let urlHost, urlHost.hasPrefix("/"), socketFolder == nil { socketFolder = urlHost }
        self.host = socketFolder == nil ? urlHost : nil
        guard self.host != nil || socketFolder != nil else {
            throw refuse("it names no host; add one, or ?host=/var/run/postgresql for a Unix socket")
        }
        self.socketFolder = socketFolder
        self.port = port ?? 5432
        guard (1...65535).contains(self.port) else {
            throw refuse("the port \(self.port) is not one from 1 to 65535")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw refuse("it names no database; end it with /DATABASE")
        }
        self.database = database
        self.user = user ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        // The server would refuse these with a misleading "invalid startup packet".
        for (part, value) in [("database name", database), ("user name", self.user), ("host", host ?? "")]
        where value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw refuse("its \(part) contains a control character")
        }
        self.deadlines = deadlines
        // As libpq: no TLS on a Unix socket; `require` with a root certificate file verifies the CA.
        if socketFolder != nil { tlsSettings.mode = .disable }
        self.tlsSettings = tlsSettings.resolved(home: environment["HOME"])
        self.password = password ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if self.password == nil {
            self.password = PasswordFile(environment: environment)?.password(
                host: self.host, socketFolder: socketFolder, port: self.port, database: database, user: self.user)
        }
    }

    /// A whole number of seconds from 1 to 3600: a deadline that is never reached (libpq's 0)
    /// is what ``PostgresDeadlines`` exists to rule out.
    private static func seconds(
        _ text: String?, of name: String, refuse: (String) -> PostgresLocationError
    ) throws(PostgresLocationError) -> Duration {
        guard let text, let seconds = Int(text), (1...3600).contains(seconds) else {
            throw refuse("\(name) must be a whole number of seconds from 1 to 3600")
        }
        return .seconds(seconds)
    }

    /// The URL without its password: what messages, logs and reports show.
    package var displayName: String {
        let shownHost = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
        var text = "postgresql://\(user)@\(shownHost)"
        if port != 5432 { text += ":\(port)" }
        text += "/\(database)"
        if let socketFolder { text += "?host=\(socketFolder)" }
        return text
    }

    /// `text` with anything between `://user:` and `@` (a password) replaced, for an error
    /// about a URL that could not be read.
    package static func redacted(_ text: String) -> String {
        Credentials.redacted(text)
    }
}

/// A URL that cannot name a PostgreSQL database: bad input (exit 2).
package enum PostgresLocationError: CategorizedError, Sendable, Hashable {
    case malformed(String, reason: String)

    package var kind: FailureKind { .badInput }

    package var description: String {
        switch self {
        case .malformed(let url, let reason): return "\(url) cannot name a PostgreSQL database: \(reason)."
        }
    }
}

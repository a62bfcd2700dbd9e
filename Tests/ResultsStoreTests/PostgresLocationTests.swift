import BenchModel
import Foundation
import Testing

@testable import PostgresStore

/// How a `postgresql://` URL names a database, where its password comes from, and that no
/// message shows it.
@Suite struct PostgresLocationTests {
    @Test func aTCPURLWithEveryPart() throws {
        let location = try PostgresLocation(
            url: "postgresql://bench:pa%3Ass@db.example:6543/results?sslmode=require", environment: [:])
        #expect(location.user == "bench")
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.database == "results")
        #expect(location.tls == .require)
        #expect(location.password == "pa:ss")
        #expect(location.displayName == "postgresql://bench@db.example:6543/results")
    }

    /// Every wait for the server is bounded: defaults, libpq's `connect_timeout` (also
    /// `PGCONNECT_TIMEOUT`, which the URL overrides) and the statement deadline; a deadline that
    /// is never reached (libpq's 0) is refused.
    @Test func deadlinesComeFromTheURLAndPGCONNECT_TIMEOUT() throws {
        let plain = try PostgresLocation(url: "postgresql://bench@db/results", environment: [:])
        #expect(plain.deadlines.connect == .seconds(10) && plain.deadlines.statement == .seconds(30))
        let named = try PostgresLocation(
            url: "postgresql://bench@db/results?connect_timeout=3&statement_timeout=120",
            environment: ["PGCONNECT_TIMEOUT": "7"])
        #expect(named.deadlines.connect == .seconds(3) && named.deadlines.statement == .seconds(120))
        let fromEnvironment = try PostgresLocation(
            url: "postgresql://bench@db/results", environment: ["PGCONNECT_TIMEOUT": "7"])
        #expect(fromEnvironment.deadlines.connect == .seconds(7))
        for bad in ["connect_timeout=0", "statement_timeout=-1", "connect_timeout=2.5", "statement_timeout=99999"] {
            let error = #expect(throws: PostgresLocationError.self) {
                try PostgresLocation(url: "postgresql://bench@db/results?\(bad)", environment: [:])
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("whole number of seconds from 1 to 3600"))
        }
    }

    @Test func aUnixSocketFolderAndTheShortScheme() throws {
        let location = try PostgresLocation(
            url: "postgres://bench@/results?host=/var/run/postgresql", environment: ["USER": "someone"])
        #expect(location.host == nil)
        #expect(location.socketFolder == "/var/run/postgresql")
        #expect(location.tls == .disable)
        #expect(location.displayName == "postgresql://bench@/results?host=/var/run/postgresql")
        let encoded = try PostgresLocation(url: "postgresql://bench@%2Ftmp%2Fsock/results", environment: [:])
        #expect(encoded.socketFolder == "/tmp/sock")
    }

    @Test func thePasswordComesFromTheURLThenPGPASSWORDThenThePasswordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(".pgpass").path
        try
            "# comment\nother:5432:*:*:wrong\ndb:5432:results:bench:from\\:file\n/run/pg:5432:results:bench:socket\nlocalhost:5432:results:bench:local\n*:*:*:*:fallback\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        // As libpq: a file its group or others may read is no secret, and is ignored.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(
            try PostgresLocation(url: "postgresql://bench@db/results", environment: ["PGPASSFILE": file]).password
                == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let url = "postgresql://bench@db/results"
        #expect(
            try PostgresLocation(
                url: "postgresql://bench:inline@db/results", environment: ["PGPASSWORD": "env", "PGPASSFILE": file]
            ).password == "inline")
        #expect(
            try PostgresLocation(url: url, environment: ["PGPASSWORD": "env", "PGPASSFILE": file]).password == "env")
        #expect(try PostgresLocation(url: url, environment: ["PGPASSFILE": file]).password == "from:file")
        #expect(try PostgresLocation(url: url, environment: ["HOME": folder.path]).password == "from:file")
        #expect(
            try PostgresLocation(url: "postgresql://bench@elsewhere/x", environment: ["PGPASSFILE": file]).password
                == "fallback")
        // A Unix socket: its folder is the host field; `localhost` stands for the default folder only.
        #expect(
            try PostgresLocation(url: "postgresql://bench@/results?host=/run/pg", environment: ["PGPASSFILE": file])
                .password == "socket")
        #expect(
            try PostgresLocation(
                url: "postgresql://bench@/results?host=/var/run/postgresql", environment: ["PGPASSFILE": file]
            ).password == "local")
        #expect(
            try PostgresLocation(url: "postgresql://bench@/results?host=/tmp/other", environment: ["PGPASSFILE": file])
                .password == "fallback")
        #expect(try PostgresLocation(url: url, environment: [:]).password == nil)
    }

    @Test(arguments: [
        ("postgresql://bench:s3cret@db", "names no database"),
        ("postgresql://bench:s3cret@/results", "names no host"),
        ("postgresql://bench:s3cret@db/results?host=relative", "host= must name the folder"),
        ("postgresql://bench:s3cret@db/results?sslmode=maybe", "sslmode must be"),
        ("postgresql://bench:s3cret@db/results?application=x", "is not supported"),
    ])
    func aURLThatCannotNameADatabaseIsRefusedWithoutItsPassword(url: String, reason: String) {
        let error = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: url, environment: [:]) }
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("s3cret") == false)
        #expect(error?.kind == .badInput)
    }

    @Test func redactionHidesPasswordsInAnyPlace() {
        #expect(PostgresLocation.redacted("postgresql://u:p@h/d") == "postgresql://u:***@h/d")
        #expect(
            PostgresLocation.redacted("postgresql://u@h/d?password=p&host=/s")
                == "postgresql://u@h/d?password=***&host=/s")
        #expect(PostgresLocation.redacted("postgres://u:p@ss@h/d") == "postgres://u:***@h/d")
        // Misspelt URLs, read as file paths and echoed in errors, and any case of password=.
        for (text, shown) in [
            ("postgressql://u:s3cret@h/d", "postgressql://u:***@h/d"),
            ("postgresql:/u:s3cret@h/d", "postgresql:/u:***@h/d"),
            ("jdbc:postgresql://u:s3cret@h/d", "jdbc:postgresql://u:***@h/d"),
            ("x at tcp://u:s3cret@127.0.0.1:1 y", "x at tcp://u:***@127.0.0.1:1 y"),
            ("postgresql://u@h/d?PASSWORD=s3cret&a=b", "postgresql://u@h/d?PASSWORD=***&a=b"),
            ("?Password=s3cret", "?Password=***"),
        ] {
            #expect(Credentials.redacted(text) == shown)
        }
        #expect(Credentials.redacted("/var/lib/results.sqlite") == "/var/lib/results.sqlite")
    }
}

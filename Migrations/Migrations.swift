/// One schema migration: a numbered SQL file from this folder, embedded into the binary.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// The schema migrations in the order they are applied. A database records the highest
/// version applied; a database with a version above `latestVersion` is newer than this binary.
public enum SchemaMigrations {
    public static let all: [Migration] = [
        Migration(version: 1, name: "0001_init.sql", sql: String(decoding: PackageResources._001_init_sql, as: UTF8.self)),
        Migration(version: 2, name: "0002_views.sql", sql: String(decoding: PackageResources._002_views_sql, as: UTF8.self)),
        Migration(
            version: 3, name: "0003_original_suite_name.sql",
            sql: String(decoding: PackageResources._003_original_suite_name_sql, as: UTF8.self)),
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }
}

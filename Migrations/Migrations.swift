import Foundation

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

    /// True when the file declares itself additive (a line `-- compatibility: additive`): binaries
    /// of the schema version before it keep reading and writing a database it was applied to.
    /// Any other migration starts a new major schema version.
    public var isAdditive: Bool {
        sql.split(separator: "\n").contains { line in
            line.trimmingCharacters(in: .whitespaces).lowercased() == "-- compatibility: additive"
        }
    }
}

extension [Migration] {
    /// The oldest schema version whose binaries can use a database brought to `version` by these
    /// migrations: an additive migration keeps its predecessor's, any other its own number.
    public func compatibleFrom(_ version: Int) -> Int {
        var floor = 0
        for migration in self where migration.version <= version {
            floor = migration.isAdditive && floor > 0 ? floor : migration.version
        }
        return floor
    }
}

/// The schema migrations in the order they are applied: every `NNNN_name.sql` file of this
/// folder (the EmbedMigrations build plugin embeds them; the folder is the only list). A
/// database records the highest version applied; one above `latestVersion` is newer than this binary.
public enum SchemaMigrations {
    public static let all: [Migration] = EmbeddedMigrations.files.map { file in
        Migration(
            version: Int(file.name.prefix { $0.isNumber }) ?? 0, name: file.name,
            sql: String(decoding: Data(base64Encoded: file.base64) ?? Data(), as: UTF8.self))
    }

    public static var latestVersion: Int { all.last?.version ?? 0 }
}

import Foundation
import Migrations

/// The PostgreSQL schema migrations in the order they are applied: the migrations of
/// `Migrations/`, each in PostgreSQL's spelling where this folder has a file of the same name
/// (the EmbedMigrations build plugin embeds them), else the very file SQLite applies. A migration
/// written in SQL both databases run alike is therefore one file for both; one that needs
/// PostgreSQL's types or functions gets its twin here. A version means one schema in both
/// dialects (a test compares their tables, views and columns).
public enum PostgresSchemaMigrations {
    /// The files of this folder: the migrations PostgreSQL spells its own way.
    public static let own: [Migration] = EmbeddedMigrations.files.map { file in
        Migration(
            version: Int(file.name.prefix { $0.isNumber }) ?? 0, name: file.name,
            sql: String(decoding: Data(base64Encoded: file.base64) ?? Data(), as: UTF8.self))
    }

    public static let all: [Migration] = spelled(SchemaMigrations.all, own: own)

    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// `shared` with each migration replaced by the one of `own` of the same name, if any.
    public static func spelled(_ shared: [Migration], own: [Migration]) -> [Migration] {
        let byName = Dictionary(own.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return shared.map { byName[$0.name] ?? $0 }
    }
}

import Foundation
import Migrations

/// The PostgreSQL schema migrations in the order they are applied: every `NNNN_name.sql` file of
/// this folder (the EmbedMigrations build plugin embeds them). They are numbered like the SQLite
/// files of `Migrations/` and give the same tables and views, so a version means one schema in
/// both dialects.
public enum PostgresSchemaMigrations {
    public static let all: [Migration] = EmbeddedMigrations.files.map { file in
        Migration(
            version: Int(file.name.prefix { $0.isNumber }) ?? 0, name: file.name,
            sql: String(decoding: Data(base64Encoded: file.base64) ?? Data(), as: UTF8.self))
    }

    public static var latestVersion: Int { all.last?.version ?? 0 }
}

import Fluent
import SQLKit
import Vapor

/// The embedded database's settings for many readers at once.
enum SQLiteTuning {
    static func apply(to app: Application) async throws {
        // Write-ahead logging: readers read while a writer writes, instead of waiting for its lock (and
        // SQLiteNIO's busy handler spinning a thread meanwhile). It is a property of the file, kept across
        // restarts; commits stay fully synchronous, so a committed record survives a power cut.
        let mode = try await app.db.sql().raw("PRAGMA journal_mode = WAL").first()?.decode(column: "journal_mode", as: String.self)
        if mode?.lowercased() != "wal" {
            app.logger.warning("SQLite stays in journal mode \(mode ?? "?"): write-ahead logging was refused")
        }
        // Per connection: the driver keeps one connection per event loop and offers no hook when it opens
        // one, so each loop's connection is set here. Should a connection be reopened after an error, it
        // runs with SQLite's default cache: slower, never wrong. (Memory-mapped reads were tried: no faster
        // under load, and every page an export reads then counts in the server's RSS.)
        for loop in app.eventLoopGroup.makeIterator() {
            let db = app.databases.database(logger: app.logger, on: loop)!
            try await db.sql().raw("PRAGMA cache_size = -16000").run()       // 16 MB of pages per connection
        }
    }
}

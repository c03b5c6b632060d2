import Fluent
import Foundation
import SQLKit
import Vapor

/// `liftwatch backup DIR`: a consistent copy of the database taken while the server keeps serving, the
/// attachment files, and a manifest. Written under a temporary name beside DIR and renamed at the end, so
/// DIR is either a whole backup or absent; an existing, non-empty DIR is never touched.
struct BackupService {
    let app: Application

    func backup(to target: String) async throws -> BackupManifest {
        let target = URL(fileURLWithPath: target).standardizedFileURL.path
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: target), !entries.isEmpty {
            throw BackupError(["备份目录 \(target) 已存在且不为空，没有写入任何文件 / backup folder is not empty; nothing written"])
        }
        if FileManager.default.fileExists(atPath: target), (try? FileManager.default.contentsOfDirectory(atPath: target)) == nil {
            throw BackupError(["\(target) 已存在且不是目录 / exists and is not a folder"])
        }
        let parent = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let work = parent + "/.\((target as NSString).lastPathComponent).partial-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        do {
            var manifest = try await copyDatabase(into: work)
            // After the database: a file is stored before the row naming it commits, so every attachment
            // the copy names is already on disk now. Files added since are harmless extras.
            if case .disk(let root) = app.config.fileStorage {
                manifest.files += try copyFiles(from: root, into: work + "/files")
            }
            try manifest.write(to: work)
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: work, toPath: target)
            return manifest
        } catch {
            try? FileManager.default.removeItem(atPath: work)
            throw error
        }
    }

    private func copyDatabase(into folder: String) async throws -> BackupManifest {
        let storage: String = if case .disk = app.config.fileStorage { "disk" } else { "database" }
        let (engine, name, migrations, tables) = try await dumpDatabase(into: folder)
        let (size, hash) = try FileDigest.sha256(of: folder + "/" + name)
        return BackupManifest(createdAt: app.clock.now(), engine: engine, fileStorage: storage, database: name,
                              migrations: migrations, tables: tables, files: [.init(path: name, size: size, sha256: hash)])
    }

    /// Writes the database copy into `folder`: the engine, the copy's file name, and what it holds.
    private func dumpDatabase(into folder: String) async throws -> (String, String, [String], [String: Int]) {
        switch app.config.database {
        case .sqlite:
            let file = folder + "/database.sqlite"
            // One connection throughout: the copy is attached to it to be counted.
            let db = app.databases.database(logger: app.logger, on: app.eventLoopGroup.any())!
            let (migrations, tables) = try await db.withConnection { conn -> EventLoopFuture<([String], [String: Int])> in
                conn.eventLoop.makeFutureWithTask {
                    let sql = try conn.sql()
                    // VACUUM INTO reads one snapshot of the database while writers go on (write-ahead log).
                    try await sql.raw("VACUUM INTO \(bind: file)").run()
                    try await sql.raw("ATTACH DATABASE \(bind: file) AS backup_copy").run()
                    do {
                        let result = try await Self.contents(sql, schema: "backup_copy", engine: "sqlite")
                        try await sql.raw("DETACH DATABASE backup_copy").run()
                        return result
                    } catch {
                        try? await sql.raw("DETACH DATABASE backup_copy").run()
                        throw error
                    }
                }
            }.get()
            return ("sqlite", "database.sqlite", migrations, tables)
        case .postgres(let url):
            let file = folder + "/database.pgdump"
            // The counts and pg_dump read one snapshot: this transaction's, exported to pg_dump while it is open.
            let (migrations, tables) = try await app.db.transaction { db in
                let sql = try db.sql()
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS snapshot").first()!
                    .decode(column: "snapshot", as: String.self)
                let contents = try await Self.contents(sql, schema: nil, engine: "postgresql")
                try await PostgresTools(url: url).dump(to: file, snapshot: snapshot)
                return contents
            }
            return ("postgresql", "database.pgdump", migrations, tables)
        }
    }

    /// The migrations run and every table's row count, as `sql` sees them.
    static func contents(_ sql: any SQLDatabase, schema: String?, engine: String) async throws -> ([String], [String: Int]) {
        let prefix = schema.map { "\($0)." } ?? ""
        let names: SQLQueryString = engine == "sqlite"
            ? "SELECT name FROM \(unsafeRaw: prefix)sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
        var tables: [String: Int] = [:]
        for row in try await sql.raw(names).all() {
            let table = try row.decode(column: "name", as: String.self)
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            tables[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: prefix)\(unsafeRaw: quoted)").first()!
                .decode(column: "n", as: Int.self)
        }
        let migrations = try await sql.raw("SELECT name FROM \(unsafeRaw: prefix)_fluent_migrations ORDER BY batch, created_at, name").all()
            .map { try $0.decode(column: "name", as: String.self) }
        return (migrations, tables)
    }

    /// The attachment files (named by their SHA-256), each copied and hashed in one read.
    private func copyFiles(from root: String, into folder: String) throws -> [BackupManifest.File] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [BackupManifest.File] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            // Temporary uploads (.part) and readiness probes are not attachments.
            guard !name.hasPrefix("."), walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            let (size, hash) = try FileDigest.copy(root + "/" + relative, to: folder + "/" + relative)
            if hash != name {
                app.logger.warning("attachment file \(relative) does not match its name (SHA-256 \(hash)): copied as it is")
            }
            files.append(.init(path: "files/" + relative, size: size, sha256: hash))
        }
        return files.sorted { $0.path < $1.path }
    }
}

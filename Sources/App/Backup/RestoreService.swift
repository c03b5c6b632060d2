import Fluent
import Foundation
import SQLKit
import Vapor

/// `liftwatch restore DIR`: proves the backup whole (every file's size and SHA-256 against the manifest),
/// refuses any target that holds data, restores the database and the attachment files, runs the pending
/// migrations, and ends by verifying the restored records' hash chains and row counts. It runs on an
/// application whose database nothing has opened yet (see `configure(_:touchDatabase:)`): an SQLite file
/// is put in place before its first connection.
struct RestoreService {
    let app: Application

    struct Report {
        var lines: [String] = []
    }

    func restore(from source: String) async throws -> Report {
        let source = URL(fileURLWithPath: source).standardizedFileURL.path
        let manifest = try BackupManifest.read(from: source)
        let damaged = manifest.problems(in: source)
        guard damaged.isEmpty else { throw BackupError(["备份不完整，没有恢复任何内容 / the backup is damaged; nothing restored:"] + damaged) }
        let known = Set(app.allMigrations().map(\.name))
        let unknown = manifest.migrations.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw BackupError(["备份来自更新的 LiftWatch 版本，请用该版本恢复 / the backup comes from a newer version: " + unknown.joined(separator: ", ")])
        }
        let engine: String = if case .sqlite = app.config.database { "sqlite" } else { "postgresql" }
        guard manifest.engine == engine else {
            throw BackupError(["备份来自 \(manifest.engine)，而 DATABASE_URL 指向 \(engine) / the backup is of another engine"])
        }
        let diskRoot: String? = if case .disk(let root) = app.config.fileStorage { root } else { nil }
        guard (manifest.fileStorage == "disk") == (diskRoot != nil) else {
            throw BackupError(["备份的附件存放方式是 \(manifest.fileStorage)，与 LIFTWATCH_FILE_STORAGE 不同 / file storage differs from the backup's"])
        }
        try await refuseNonEmptyTarget(diskRoot: diskRoot)

        let database = source + "/" + manifest.database
        switch app.config.database {
        case .sqlite(let path):
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let partial = path + ".restoring"
            try? FileManager.default.removeItem(atPath: partial)
            try FileDigest.copy(database, to: partial)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        case .postgres(let url):
            try await PostgresTools(url: url).restore(from: database)
        }
        if let diskRoot {
            for file in manifest.files where file.path.hasPrefix("files/") {
                try FileDigest.copy(source + "/" + file.path, to: diskRoot + "/" + file.path.dropFirst("files/".count))
            }
        }

        var report = Report()
        // Row for row as backed up, before the migrations add to it.
        let (_, restored) = try await BackupService.contents(try app.db.sql(), schema: nil, engine: engine)
        let differing = manifest.tables.keys.sorted().filter { restored[$0] != manifest.tables[$0] }
        guard differing.isEmpty else {
            throw BackupError(["恢复后的行数与备份清单不符 / row counts differ from the manifest: " + differing.map {
                "\($0) \(manifest.tables[$0] ?? 0) → \(restored[$0] ?? 0)"
            }.joined(separator: ", ")])
        }
        report.lines.append("已恢复 \(manifest.tables.count) 张表共 \(manifest.tables.values.reduce(0, +)) 行、\(manifest.files.count - 1) 个附件文件（备份于 \(manifest.createdAt)）")

        if case .sqlite = app.config.database { try await SQLiteTuning.apply(to: app) }
        try await app.autoMigrate()
        try await app.db.refreshPlannerStatistics()

        let maintenance = try await MaintenanceVerification.run(on: app.db)
        let audit = try await AuditVerification.run(on: app.db)
        report.lines += [maintenance.summary, audit.summary]
        let problems = maintenance.problems + audit.problems
        guard problems.isEmpty else { throw BackupError(report.lines + problems) }
        return report
    }

    /// A restore only fills an empty database and an empty file folder: it never merges into or overwrites data.
    private func refuseNonEmptyTarget(diskRoot: String?) async throws {
        var problems: [String] = []
        switch app.config.database {
        case .sqlite(let path):
            // Not opened: an existing file with anything in it is someone's database.
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
            if let size, size > 0 {
                problems.append("数据库文件 \(path) 已存在，恢复只能写入新的数据库 / the database file exists; restore only into a new one")
            }
        case .postgres:
            let tables = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()").first()!
                .decode(column: "n", as: Int.self)
            if tables > 0 {
                problems.append("目标数据库已有 \(tables) 张表，恢复只能写入空数据库 / the target database is not empty")
            }
        }
        if let diskRoot, let entries = try? FileManager.default.contentsOfDirectory(atPath: diskRoot), !entries.isEmpty {
            problems.append("附件目录 \(diskRoot) 不为空 / the attachment folder is not empty")
        }
        guard problems.isEmpty else { throw BackupError(problems + ["没有做任何改动 / nothing was changed"]) }
    }
}

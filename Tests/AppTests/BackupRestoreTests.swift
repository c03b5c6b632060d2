@testable import App
import Fluent
import Foundation
import SQLKit
import Supervision
import Testing
import Vapor

/// `liftwatch backup` and `restore`, drilled as an operator would: a database in use (the demo, with
/// maintenance records and certificate files) backed up while a clerk keeps filing visits, restored into
/// a fresh database and folder, and compared row for row and chain for chain. On whichever engine the
/// suite runs (SQLite, and PostgreSQL with pg_dump and pg_restore in CI).
@Suite("Backup and restore: the drill")
struct BackupRestoreTests {
    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "liftwatch-\(name)-\(UUID().uuidString)"
    }

    @Test("a backup taken while visits are filed restores into a fresh database with every row, file and hash chain")
    func drill() async throws {
        let uploads = Self.temporary("uploads"), folder = Self.temporary("backup")
        defer { for path in [uploads, folder] { try? FileManager.default.removeItem(atPath: path) } }
        try await TestApp.run(adjust: { $0.fileStorage = .disk(path: uploads) }) { app, _ in
            try await InitialAdmin.ensure(on: app)
            _ = try await DemoCommandTests.runDemo(app)
            let recordsBefore = try await MaintenanceRecord.query(on: app.db).count()
            #expect(try await Attachment.query(on: app.db).count() > 0, "the demo files certificates")

            // A clerk of 红旗 files a visit after another while the backup runs.
            let writer = Task { () -> Int in
                let loader = DemoLoader(app: app, db: app.db)
                let user = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "hqdt").first())
                let company = try #require(try await Company.find(user.$company.id, on: app.db))
                let account = DemoLoader.CompanyAccount(company: company, user: user)
                var filed = 0
                while !Task.isCancelled && filed < 60 {
                    try await loader.fileMaintenance(DemoData.hongqiCodes.passenger, on: filed % 10, .halfMonthly,
                                                     workers: ["赵伟", "孙丽"], by: account, at: loader.time(10, 8, filed))
                    filed += 1
                }
                return filed
            }
            // Let the writer start before the copy is taken.
            for _ in 0..<2000 where try await MaintenanceRecord.query(on: app.db).count() == recordsBefore {
                try await Task.sleep(for: .milliseconds(5))
            }
            let manifest = try await BackupService(app: app).backup(to: folder)
            writer.cancel()
            let filed = try await writer.value
            #expect(filed > 0)

            #expect(manifest.migrations.last?.hasSuffix(String(describing: type(of: app.allMigrations().last!))) == true)
            let backedUp = try #require(manifest.tables["maintenance_records"])
            #expect(backedUp > recordsBefore && backedUp <= recordsBefore + filed)
            #expect(manifest.files.contains { $0.path.hasPrefix("files/") })
            #expect(manifest.problems(in: folder).isEmpty)
            // The folder is whole or absent: no partial folders beside it.
            let parent = (folder as NSString).deletingLastPathComponent, name = (folder as NSString).lastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(name) } == [name])

            // A second backup into the same folder is refused and changes nothing.
            await #expect(throws: BackupError.self) { try await BackupService(app: app).backup(to: folder) }
            #expect(try BackupManifest.read(from: folder) == manifest)

            try await Self.withFreshTarget { target, targetUploads in
                let report = try await RestoreService(app: target).restore(from: folder)
                #expect(report.lines.contains { $0.contains("条维保记录：全部一致") })
                #expect(report.lines.contains { $0.contains("审计日志：全部一致") })
                let (_, restored) = try await BackupService.contents(try target.db.sql(), schema: nil, engine: Self.engine(target))
                #expect(restored == manifest.tables)
                // The records as they were filed: each restored one is the source's, hash for hash.
                let source = Set(try await MaintenanceRecord.query(on: app.db).all().map(\.hash))
                let copy = try await MaintenanceRecord.query(on: target.db).all().map(\.hash)
                #expect(copy.count == backedUp && Set(copy).isSubset(of: source))
                let sourceAudit = try await AuditEntry.query(on: app.db).sort(\.$seq).all().map(\.hash)
                let copyAudit = try await AuditEntry.query(on: target.db).sort(\.$seq).all().map(\.hash)
                #expect(Array(sourceAudit.prefix(copyAudit.count)) == copyAudit)
                // Every certificate file comes back with its bytes.
                for attachment in try await Attachment.query(on: target.db).all() {
                    let data = try #require(try await target.fileStorage.get(sha256: attachment.sha256, on: target.db))
                    #expect(data.count == attachment.size)
                }
                #expect(FileManager.default.fileExists(atPath: targetUploads))
            }
        }
    }

    @Test("restore refuses a damaged backup and a target that holds data, and changes nothing")
    func refusals() async throws {
        let uploads = Self.temporary("uploads"), folder = Self.temporary("backup")
        defer { for path in [uploads, folder] { try? FileManager.default.removeItem(atPath: path) } }
        try await TestApp.run(adjust: { $0.fileStorage = .disk(path: uploads) }) { app, _ in
            try await InitialAdmin.ensure(on: app)
            _ = try await DemoCommandTests.runDemo(app)
            let manifest = try await BackupService(app: app).backup(to: folder)

            // Into the database it came from: not empty.
            await #expect { try await RestoreService(app: app).restore(from: folder) } throws: { error in
                "\(error)".contains("nothing was changed")
            }

            // One attachment changed by a byte: named, and nothing restored.
            let file = try #require(manifest.files.first { $0.path.hasPrefix("files/") })
            var bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file.path))
            bytes[0] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: folder + "/" + file.path))
            try await Self.withFreshTarget { target, targetUploads in
                await #expect { try await RestoreService(app: target).restore(from: folder) } throws: { error in
                    "\(error)".contains(file.path) && "\(error)".contains("nothing restored")
                }
                #expect((try? FileManager.default.contentsOfDirectory(atPath: targetUploads)) ?? [] == [])
                if case .sqlite(let path) = target.config.database {
                    #expect(!FileManager.default.fileExists(atPath: path))
                } else {
                    let tables = try await target.db.sql().raw("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()")
                        .first()!.decode(column: "n", as: Int.self)
                    #expect(tables == 0)
                }
            }
        }
    }

    static func engine(_ app: Application) -> String {
        if case .sqlite = app.config.database { "sqlite" } else { "postgresql" }
    }

    /// An application on a new, empty database (a file not yet created, or an empty PostgreSQL database) and
    /// a new attachment folder, configured as `liftwatch restore` is: nothing opened, nothing migrated.
    static func withFreshTarget(_ body: (Application, String) async throws -> Void) async throws {
        let uploads = temporary("restored-uploads")
        let (database, cleanup): (AppConfig.Database, @Sendable () async throws -> Void)
        if let pg = try await TestDatabase.makeEmptyPostgres() {
            (database, cleanup) = pg
        } else {
            let path = temporary("restored") + "/liftwatch.sqlite"
            (database, cleanup) = (.sqlite(path: path), { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) })
        }
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: TestDatabase.packageRoot + "/")
        var config = TestApp.config(database)
        config.fileStorage = .disk(path: uploads)
        do {
            try await configure(app, config: config, migrate: false, touchDatabase: false)
            try await body(app, uploads)
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup()
            try? FileManager.default.removeItem(atPath: uploads)
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup()
        try? FileManager.default.removeItem(atPath: uploads)
    }
}

@testable import App
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor

/// A database filled by the last release (migrations up to M025, the schema when 维保记录 landed) upgrades
/// to this one with its rows intact, and the new tables are filled from them.
@Suite("Upgrading a filled database")
struct UpgradeTests {
    /// The migrations of the last release: the new ones must work on what it left.
    static let released = 25

    static func migrate(_ app: Application, first count: Int?) async throws {
        let migrations = Migrations()
        for m in count.map({ Array(app.allMigrations().prefix($0)) }) ?? app.allMigrations() { migrations.add(m) }
        let migrator = Migrator(databases: app.databases, migrations: migrations, logger: app.logger, on: app.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    @Test("an approved elevator with two maintenance records: records unchanged and verified, its upkeep and on-time sums filled")
    func upgradeWithRecords() async throws {
        try await Self.withUnmigratedApp { app in
            try await Self.migrate(app, first: Self.released)
            let (filingID, hashes) = try await Self.fill(app.db)
            let auditIDs = try await Self.fillAudit(app.db)

            try await Self.migrate(app, first: nil)
            // The audit entries, chained in time order, verify; the next entry continues the chain.
            let audit = try await AuditEntry.query(on: app.db).sort(\.$seq).all()
            #expect(audit.map(\.id) == auditIDs && audit.map(\.seq) == [1, 2, 3])
            #expect(try await AuditVerification.run(on: app.db).problems.isEmpty)
            try await AuditLog(db: app.db, now: Date(timeIntervalSince1970: 1_790_000_100), address: "198.51.100.1")
                .record(.loginSucceeded, username: "kxwbgs", userID: nil)
            let next = try #require(try await AuditEntry.query(on: app.db).filter(\.$seq == 4).first())
            #expect(next.previousHash == audit.last?.hash)
            #expect(try await AuditVerification.run(on: app.db).summary == "已校验4条审计日志：全部一致")
            let records = try await MaintenanceRecord.query(on: app.db).sort(\.$sequence).all()
            #expect(records.map(\.hash) == hashes)
            #expect(MaintenanceChain.problems(in: records).isEmpty)
            #expect(try await Company.query(on: app.db).first()?.jurisdictionCode == "410181")
            let upkeep = try #require(try await ElevatorUpkeep.find(filingID, on: app.db))
            #expect(upkeep.lastVisit == "2026-09-10" && upkeep.intervalDays == nil && upkeep.visitDue == nil)
            let months = try await VisitMonth.query(on: app.db).all()
            #expect(months.map { "\($0.month) \($0.onTime)/\($0.visits)" } == ["2026-09 1/1"])
            let sql = try #require(app.db as? any SQLDatabase)
            let rates = try await CompanyVisitMonths.rates(SupervisionScope(), from: "2026-01", on: sql)
            #expect(rates.values.first?["2026-09"].map { "\($0.0)/\($0.1)" } == "1/1")
        }
    }

    /// Runs `body` with an app configured on an empty database (no migration run), then shuts it down and
    /// removes the database.
    static func withUnmigratedApp(_ body: (Application) async throws -> Void) async throws {
        let (database, cleanup): (AppConfig.Database, @Sendable () async throws -> Void)
        if let pg = try await TestDatabase.makeEmptyPostgres() {
            (database, cleanup) = pg
        } else {
            let path = NSTemporaryDirectory() + "liftwatch-upgrade-\(UUID().uuidString).sqlite"
            (database, cleanup) = (.sqlite(path: path), { try? FileManager.default.removeItem(atPath: path) })
        }
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: TestDatabase.packageRoot + "/")
        do {
            try await configure(app, config: TestApp.config(database), migrate: false)
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup()
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup()
    }

    @Test("M034 reverts (columns, head, triggers and index gone, entries kept) and prepares again to a chain that verifies")
    func auditChainReverts() async throws {
        try await Self.withUnmigratedApp { app in
            let all = app.allMigrations()
            let chainIndex = try #require(all.firstIndex { $0 is M034_ChainAuditEntries })
            try await Self.migrate(app, first: chainIndex)
            let ids = try await Self.fillAudit(app.db)
            try await Self.migrate(app, first: chainIndex + 1)
            let migrations = Migrations()
            for m in all.prefix(chainIndex + 1) { migrations.add(m) }
            let migrator = Migrator(databases: app.databases, migrations: migrations, logger: app.logger, on: app.eventLoopGroup.any())
            try await migrator.revertLastBatch().get()
            let sql = try app.db.sql()
            await #expect(throws: (any Error).self) { try await sql.raw("SELECT seq FROM audit_chain_head").run() }
            // Without the triggers an entry can be written as before the chain.
            try await sql.raw("UPDATE audit_entries SET detail = '说明' WHERE id = \(bind: ids[0])").run()
            #expect(try await sql.raw("SELECT id FROM audit_entries").all().count == 3)
            try await migrator.prepareBatch().get()
            let audit = try await AuditEntry.query(on: app.db).sort(\.$seq).all()
            #expect(audit.map(\.id) == ids)
            #expect(try await AuditVerification.run(on: app.db).summary == "已校验3条审计日志：全部一致")
        }
    }

    /// Audit entries as that release wrote them (no chain), inserted out of time order and with times finer
    /// than a millisecond; their ids in time order.
    static func fillAudit(_ db: any Database) async throws -> [UUID] {
        let sql = try #require(db as? any SQLDatabase)
        let base = 1_789_000_000.123456
        let rows: [(UUID, Double, String, String, UUID?)] = [
            (UUID(), base + 20, "login_failed", "kxwbgs", nil),
            (UUID(), base, "account_created", "kxwbgs", UUID()),
            (UUID(), base + 10, "login_succeeded", "kxwbgs", UUID()),
        ]
        for (id, at, action, username, userID) in rows {
            try await sql.raw("""
                INSERT INTO audit_entries (id, at, action, username, user_id, actor_id, address, detail)
                VALUES (\(bind: id), \(bind: Date(timeIntervalSince1970: at)), \(bind: action), \(bind: username), \(bind: userID), NULL, '198.51.100.1', '说明')
                """).run()
        }
        return [rows[1].0, rows[2].0, rows[0].0]
    }

    /// The rows the last release wrote for a company with one approved elevator and two visits, through
    /// the models whose tables that release had unchanged, and SQL for the summary it kept.
    static func fill(_ db: any Database) async throws -> (UUID, [String]) {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        // `companies` as that release had it (the model has gained columns since).
        let companyID = UUID()
        let sql = try #require(db as? any SQLDatabase)
        try await sql.raw("""
            INSERT INTO companies (id, name, certificate_no, legal_person, manager, manager_phone, address, region_code, created_at)
            VALUES (\(bind: companyID), '凯旋电梯维保有限公司', 'TS3341001-2016', '张三', '李四', '13733877795', '巩义市', '410181', \(bind: now))
            """).run()
        let filing = Filing()
        filing.kind = .elevator; filing.recordID = UUID(); filing.companyID = companyID; filing.regionCode = "410181"
        filing.subject = "曳引式客梯 31104101812015035069"; filing.reviewStatus = .approved; filing.infoStatus = .normal
        filing.revision = 2; filing.archivedVersion = 1; filing.createdAt = now; filing.updatedAt = now
        try await filing.create(on: db)
        let filingID = try filing.requireID()
        let archived = ArchivedElevator()
        archived.id = filingID; archived.companyID = companyID; archived.regionCode = "410181"; archived.version = 1
        archived.approvedAt = now; archived.equipmentName = "曳引式客梯"; archived.registrationCode = "31104101812015035069"
        archived.internalNo = ""; archived.rescueCode = ""; archived.inspectionDate = "2026-03-15"; archived.nextInspectionDate = "2027-03-14"
        archived.userUnit = "郎莫物业有限公司"; archived.manufacturer = ""; archived.safetyManager = ""; archived.safetyManagerPhone = ""
        archived.regionName = "河南省郑州市巩义市"; archived.address = ""
        try await archived.create(on: db)
        var hashes: [String] = []
        var previous = ""
        for (n, date) in ["2026-09-01", "2026-09-10"].enumerated() {
            let r = MaintenanceRecord()
            r.id = UUID(); r.companyID = companyID; r.elevatorFilingID = filingID; r.registrationCode = archived.registrationCode
            r.equipmentName = archived.equipmentName; r.userUnit = archived.userUnit; r.regionCode = "410181"; r.elevatorKind = "traction"
            r.workDate = date; r.level = "半月"; r.items = "[]"; r.workers = "[]"; r.findings = ""; r.confirmerName = "王五"
            r.confirmerPhone = "13800000000"; r.amendmentReason = ""; r.filedAt = now; r.filedByID = UUID(); r.filedByName = "牛星"
            r.sequence = n + 1; r.previousHash = previous; r.filingDelayDays = 0; r.evidenceDigest = ""
            r.hash = MaintenanceChain.hash(of: r)
            previous = r.hash
            hashes.append(r.hash)
            // In the columns of that release (the model has gained evidence_digest since).
            try await sql.raw("""
                INSERT INTO maintenance_records (id, company_id, elevator_filing_id, registration_code, equipment_name, user_unit, region_code,
                    elevator_kind, work_date, level, items, workers, findings, confirmer_name, confirmer_phone, amends_id, amendment_reason,
                    filed_at, filed_by_id, filed_by_name, sequence, previous_hash, hash, filing_delay_days)
                VALUES (\(bind: r.id), \(bind: companyID), \(bind: filingID), \(bind: r.registrationCode), \(bind: r.equipmentName), \(bind: r.userUnit),
                    '410181', 'traction', \(bind: date), '半月', '[]', '[]', '', '王五', '13800000000', NULL, '', \(bind: r.filedAt),
                    \(bind: r.filedByID), '牛星', \(bind: n + 1), \(bind: r.previousHash), \(bind: r.hash), 0)
                """).run()
        }
        // elevator_upkeep as M024 and the record filings of that release kept it.
        // (the same SQL database as above)
        try await sql.insert(into: "elevator_upkeep")
            .columns("filing_id", "company_id", "region_code", "registration_code", "in_service_since", "visited",
                     "last_visit", "last_quarterly", "last_half_yearly", "last_yearly", "next_inspection_date")
            .values(SQLBind(filingID), SQLBind(companyID), SQLBind("410181"), SQLBind(archived.registrationCode), SQLBind("2026-08-01"),
                    SQLBind(true), SQLBind("2026-09-10"), SQLBind("2026-08-01"), SQLBind("2026-08-01"), SQLBind("2026-08-01"),
                    SQLBind("2027-03-14"))
            .run()
        return (filingID, hashes)
    }
}

@testable import App
import Fluent
import Foundation
import SQLKit
import Testing

/// A database that lived through every era of the schema upgrades to today: rows written in SQL with the
/// columns each era had, before the migrations that fill new tables from them (M020's archive, M024's
/// upkeep, M027's on-time sums). Those backfills are SQL of their day, so what they produce must not
/// depend on today's models.
@Suite("Upgrading across the schema's eras")
struct UpgradeErasTests {
    static let company = UUID()
    static let elevator = UUID(), staff = UUID(), companyFiling = UUID(), retired = UUID(), draft = UUID()
    /// 2026-08-01 10:00 in China: the elevator's first approval, so in service since 2026-08-01.
    static let approvedAt = Date(timeIntervalSince1970: 1_785_549_600)

    @Test("M001–M019 filings, M023 records and M026 intervals come through M020, M024 and M027 as the app keeps them")
    func upgradeAcrossEras() async throws {
        try await UpgradeTests.withUnmigratedApp { app in
            let all = app.allMigrations()
            func index(of type: Any.Type) throws -> Int { try #require(all.firstIndex { Swift.type(of: $0) == type }) }

            // Era one: registers and filings, no archive table yet.
            try await UpgradeTests.migrate(app, first: try index(of: M020_CreateArchive.self))
            let sql = try app.db.sql()
            try await Self.fillFilings(sql)

            // Era two: the archive exists (M020 filled it); maintenance records are filed, no upkeep yet.
            try await UpgradeTests.migrate(app, first: try index(of: M024_CreateElevatorUpkeep.self))
            let archived = try await sql.raw("SELECT filing_id, registration_code, region_name, next_inspection_date FROM archived_elevators").all()
            #expect(archived.count == 1, "the 注销 and the never approved elevators are not archived")
            #expect(try archived.first?.decode(column: "filing_id", as: UUID.self) == Self.elevator)
            #expect(try archived.first?.decode(column: "registration_code", as: String.self) == "31104101812015035069")
            #expect(try archived.first?.decode(column: "region_name", as: String.self) == "河南省郑州市巩义市")
            let staff = try await sql.raw("SELECT name, certificate_expires FROM archived_staff").all()
            #expect(try staff.map { try $0.decode(column: "name", as: String.self) } == ["牛星"])
            let companies = try await sql.raw("SELECT name, level, region_name FROM archived_companies").all()
            #expect(try companies.map { try $0.decode(column: "level", as: String.self) } == ["A级"])
            let hashes = try await Self.fillRecords(sql)

            // Era three: upkeep filled by M024; an interval set and a later visit filed as that era did.
            try await UpgradeTests.migrate(app, first: try index(of: M027_CreateVisitMonths.self))
            let upkeep = try #require(try await sql.raw("""
                SELECT in_service_since, visited, last_visit, last_quarterly, last_half_yearly, last_yearly, next_inspection_date
                FROM elevator_upkeep WHERE filing_id = \(bind: Self.elevator)
                """).first())
            #expect(try upkeep.decode(column: "in_service_since", as: String.self) == "2026-08-01")
            #expect(try upkeep.decode(column: "visited", as: Bool.self))
            #expect(try upkeep.decode(column: "last_visit", as: String.self) == "2026-09-02", "the corrected 年度 visit gave way")
            #expect(try upkeep.decode(column: "last_quarterly", as: String.self) == "2026-08-20")
            #expect(try upkeep.decode(column: "last_half_yearly", as: String.self) == "2026-08-01", "never visited: since the approval")
            #expect(try upkeep.decode(column: "last_yearly", as: String.self) == "2026-08-01")
            #expect(try upkeep.decode(column: "next_inspection_date", as: String.self) == "2027-03-14")
            try await sql.raw("UPDATE elevator_upkeep SET interval_days = 10 WHERE filing_id = \(bind: Self.elevator)").run()
            let last = try await Self.insertRecord(sql, sequence: 5, previous: hashes.last!, date: "2026-09-20", level: "半月", amends: nil)

            // Today.
            try await UpgradeTests.migrate(app, first: nil)
            let records = try await MaintenanceRecord.query(on: app.db).sort(\.$sequence).all()
            #expect(records.map(\.hash) == hashes + [last])
            #expect(MaintenanceChain.problems(in: records).isEmpty)
            // In force: 08-10, 08-20, 09-02, 09-20 at a 10-day interval: 08-20 on time; 09-02 and 09-20 late.
            let months = try await VisitMonth.query(on: app.db).sort(\.$month).all()
            #expect(months.map { "\($0.month) \($0.onTime)/\($0.visits)" } == ["2026-08 1/1", "2026-09 0/2"])
            let rates = try await CompanyVisitMonths.rates(SupervisionScope(), from: "2026-01", on: sql)
            #expect(rates[Self.company]?["2026-08"].map { "\($0.0)/\($0.1)" } == "1/1")
            #expect(rates[Self.company]?["2026-09"].map { "\($0.0)/\($0.1)" } == "0/2")
            // The archive reads through today's models as the approval left it.
            let row = try #require(try await ArchivedElevator.find(Self.elevator, on: app.db))
            #expect(row.userUnit == "郎莫物业有限公司" && row.version == 1)
            #expect(abs(row.approvedAt.timeIntervalSince(Self.approvedAt)) < 0.001)
        }
    }

    /// A company with an approved elevator, staff member and company filing, an elevator approved and
    /// then 注销, and one never submitted: the rows of M003–M018 as they were written.
    static func fillFilings(_ sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO companies (id, name, certificate_no, legal_person, manager, manager_phone, address, region_code, level, created_at)
            VALUES (\(bind: company), '凯旋电梯维保有限公司', 'TS3341001-2016', '张三', '李四', '13733877795', '巩义市', '410181', 'A级', \(bind: approvedAt))
            """).run()
        func snapshot(_ fields: [(String, String)]) -> String {
            let json = fields.map { #"{"key":"\#($0.0)","label":"\#($0.0)","value":"\#($0.1)"}"# }.joined(separator: ",")
            return #"{"attachments":[],"fields":[\#(json)]}"#
        }
        let elevatorFields = [("equipment_name", "曳引式客梯"), ("registration_code", "31104101812015035069"), ("internal_no", "1号"),
                              ("rescue_code", ""), ("inspection_date", "2026-03-15"), ("next_inspection_date", "2027-03-14"),
                              ("user_unit", "郎莫物业有限公司"), ("manufacturer", "通力"), ("safety_manager", "王五"),
                              ("safety_manager_phone", "13800000000"), ("region", "河南省郑州市巩义市"), ("address", "巩义市杜甫路1号")]
        let filings: [(UUID, String, String, String, Int, [(Int, String, [(String, String)])])] = [
            (elevator, "elevator", "通过", "正常使用", 1, [(1, "新增", elevatorFields)]),
            (staff, "staff", "通过", "正常使用", 1, [(1, "新增", [("name", "牛星"), ("job_type", "电梯维修"), ("id_number", "410181199001011234"),
                                                              ("certificate_no", "T-1"), ("certificate_issued", "2024-01-01"),
                                                              ("certificate_expires", "2028-01-01"), ("phone", "13900000000")])]),
            (companyFiling, "company", "通过", "正常使用", 1, [(1, "新增", [("name", "凯旋电梯维保有限公司"), ("certificate_no", "TS3341001-2016"),
                                                                     ("level", "A级"), ("region", "河南省郑州市巩义市")])]),
            (retired, "elevator", "通过", "注销", 2, [(1, "新增", elevatorFields), (2, "注销", elevatorFields)]),
            (draft, "elevator", "待上报", "新增", 0, []),
        ]
        for (id, kind, review, info, archivedVersion, versions) in filings {
            try await sql.raw("""
                INSERT INTO filings (id, kind, record_id, company_id, region_code, subject, review_status, info_status, revision,
                    archived_version, created_at, updated_at)
                VALUES (\(bind: id), \(bind: kind), \(bind: UUID()), \(bind: company), '410181', '记录', \(bind: review), \(bind: info),
                    \(bind: versions.count + 1), \(bind: archivedVersion), \(bind: approvedAt), \(bind: approvedAt))
                """).run()
            for (version, status, fields) in versions {
                try await sql.raw("""
                    INSERT INTO filing_versions (id, filing_id, version, snapshot, info_status, approved_at, reviewer_id, reviewer_name, opinion)
                    VALUES (\(bind: UUID()), \(bind: id), \(bind: version), \(bind: snapshot(fields)), \(bind: status),
                        \(bind: approvedAt.addingTimeInterval(Double(version - 1) * 86_400)), \(bind: UUID()), '审核员', '同意')
                    """).run()
            }
        }
    }

    /// Four visits as M023's table had them: a 年度 visit on 09-01 corrected by a 半月 one on 09-02. Their hashes in order.
    static func fillRecords(_ sql: any SQLDatabase) async throws -> [String] {
        var hashes: [String] = []
        let first = UUID()
        for (n, visit) in [("2026-08-10", "半月"), ("2026-08-20", "季度"), ("2026-09-01", "年度")].enumerated() {
            hashes.append(try await insertRecord(sql, sequence: n + 1, previous: hashes.last ?? "", date: visit.0, level: visit.1,
                                                 amends: nil, id: n == 2 ? first : UUID()))
        }
        hashes.append(try await insertRecord(sql, sequence: 4, previous: hashes.last!, date: "2026-09-02", level: "半月", amends: first))
        return hashes
    }

    /// One record in the columns M023 created, chained as the app chains them; its hash.
    static func insertRecord(_ sql: any SQLDatabase, sequence: Int, previous: String, date: String, level: String, amends: UUID?,
                             id: UUID = UUID()) async throws -> String {
        let r = MaintenanceRecord()
        r.id = id; r.companyID = company; r.elevatorFilingID = elevator; r.registrationCode = "31104101812015035069"
        r.equipmentName = "曳引式客梯"; r.userUnit = "郎莫物业有限公司"; r.regionCode = "410181"; r.elevatorKind = "traction"
        r.workDate = date; r.level = level; r.items = "[]"; r.workers = "[]"; r.findings = ""; r.confirmerName = "王五"
        r.confirmerPhone = "13800000000"; r.amendsID = amends; r.amendmentReason = amends == nil ? "" : "级别填错"
        r.filedAt = approvedAt.addingTimeInterval(Double(sequence) * 86_400 * 10); r.filedByID = company; r.filedByName = "牛星"
        r.sequence = sequence; r.previousHash = previous; r.evidenceDigest = ""
        let hash = MaintenanceChain.hash(of: r)
        try await sql.raw("""
            INSERT INTO maintenance_records (id, company_id, elevator_filing_id, registration_code, equipment_name, user_unit, region_code,
                elevator_kind, work_date, level, items, workers, findings, confirmer_name, confirmer_phone, amends_id, amendment_reason,
                filed_at, filed_by_id, filed_by_name, sequence, previous_hash, hash)
            VALUES (\(bind: id), \(bind: company), \(bind: elevator), \(bind: r.registrationCode), \(bind: r.equipmentName), \(bind: r.userUnit),
                '410181', 'traction', \(bind: date), \(bind: level), '[]', '[]', '', '王五', '13800000000', \(bind: amends),
                \(bind: r.amendmentReason), \(bind: r.filedAt), \(bind: company), '牛星', \(bind: sequence), \(bind: previous), \(bind: hash))
            """).run()
        return hash
    }
}

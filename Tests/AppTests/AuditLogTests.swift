@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import XLSX

/// The audit log (issue 12, 等保 level 3): one hash chain that stays linear under parallel requests, that
/// `liftwatch verify-records` checks, that records review decisions, imports and exports with who, from
/// where and what, and that only the audit administrator reads, filters and exports.
@Suite("The audit log: chain, coverage, the audit administrator's page")
struct AuditLogTests {
    typealias Archive = ArchiveTests
    typealias Elevators = ElevatorRegisterTests

    /// Every entry in seq order; the chain must run 1…n and each entry name its predecessor's hash.
    static func expectLinear(_ app: Application, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [AuditEntry] {
        let entries = try await AuditEntry.query(on: app.db).sort(\.$seq).all()
        #expect(entries.map(\.seq) == Array(1..<(entries.count + 1)), sourceLocation: sourceLocation)
        var previous = ""
        for e in entries {
            #expect(e.previousHash == previous, "entry \(e.seq) does not link to \(e.seq - 1)", sourceLocation: sourceLocation)
            #expect(e.hash == AuditChain.hash(of: e), "entry \(e.seq) does not match its hash", sourceLocation: sourceLocation)
            previous = e.hash
        }
        #expect(try await AuditVerification.run(on: app.db).problems.isEmpty, sourceLocation: sourceLocation)
        return entries
    }

    @Test("30 parallel failed logins: their entries take seq 1…n without gaps, each linked to the one before")
    func parallelAppends() async throws {
        try await TestApp.run { app, _ in
            // setup: 30 visitors, each with the login page and captcha open
            var clients: [TestClient] = []
            for _ in 0..<30 {
                let client = TestClient(app)
                try await client.get(SiteURL.login.path)
                try await client.get(SiteURL.captcha.path)
                clients.append(client)
            }
            // MUT: all post at once
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (i, client) in clients.enumerated() {
                    group.addTask {
                        try await client.post(SiteURL.login.path, ["username": "nobody\(i)", "password": "Wrong#2026pass",
                                                                   "captcha": TestApp.captcha]).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // validate
            #expect(statuses.count == 30 && statuses.allSatisfy { $0 == 401 })
            let entries = try await Self.expectLinear(app)
            let failed = entries.filter { $0.action == .loginFailed }
            #expect(failed.count == 30 && Set(failed.map(\.username)) == Set((0..<30).map { "nobody\($0)" }))
            #expect(entries.count == 30)
            let head = try await app.db.sql().raw("SELECT seq, hash FROM audit_chain_head").all()
            #expect(head.count == 1)
            #expect(try head.first?.decode(column: "seq", as: Int.self) == entries.count)
            #expect(try head.first?.decode(column: "hash", as: String.self) == entries.last?.hash)
        }
    }

    @Test("two app instances on one database, appending at once, extend one linear chain")
    func twoInstances() async throws {
        try await TestApp.run { app, clock in
            // setup: a second instance with its own connection pool on the same database
            let other = try await Application.make(.testing)
            other.directory = app.directory
            do {
                try await configure(other, config: app.config, migrate: false)
                // MUT: 20 entries from each at once
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<40 {
                        let db = i % 2 == 0 ? app.db : other.db
                        group.addTask {
                            try await AuditLog(db: db, now: clock.now(), address: "198.51.100.\(i % 2)")
                                .record(.loginFailed, username: "nobody\(i)", userID: nil, detail: "用户不存在")
                        }
                    }
                    try await group.waitForAll()
                }
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
            // validate
            let entries = try await Self.expectLinear(app)
            #expect(entries.count == 40 && Set(entries.map(\.address)) == ["198.51.100.0", "198.51.100.1"])
        }
    }

    @Test("verify-records finds an entry changed, removed in the middle or removed at the end")
    func tampering() async throws {
        try await TestApp.run { app, clock in
            // setup: five entries
            for i in 1...5 {
                clock.advance(by: 61)
                try await AuditLog(db: app.db, now: clock.now(), address: "198.51.100.\(i)")
                    .record(.loginFailed, username: "user\(i)", userID: nil, detail: "密码错误")
            }
            #expect(try await AuditVerification.run(on: app.db).summary == "已校验5条审计日志：全部一致")
            let output = try await DemoCommandTests.runCommand(app, "verify-records")
            #expect(output.contains("已校验5条审计日志：全部一致"))
            let sql = try app.db.sql()
            // The database refuses to change or remove an entry …
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_entries SET detail = '密码正确' WHERE seq = 2").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run() }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$seq == 2).first()?.detail == "密码错误")
            // … until someone with the owner's rights drops its triggers; then the chain shows what they did.
            try await Self.dropAppendOnlyTriggers(sql)

            // MUT: someone edits the stored detail of the second entry
            try await sql.raw("UPDATE audit_entries SET detail = '密码正确' WHERE seq = 2").run()
            // validate: the command fails (exit 1), the report names the entry
            await #expect(throws: AppError.self) { try await DemoCommandTests.runCommand(app, "verify-records") }
            var report = try await AuditVerification.run(on: app.db)
            #expect(report.problems.count == 1 && report.problems[0].contains("审计日志第2条") && report.problems[0].contains("内容与哈希不符"))
            // … and its address, or its time by a second.
            try await sql.raw("UPDATE audit_entries SET detail = '密码错误', address = '10.0.0.1' WHERE seq = 2").run()
            #expect(try await AuditVerification.run(on: app.db).problems.count == 1)
            let second = try #require(try await AuditEntry.query(on: app.db).filter(\.$seq == 2).first())
            try await sql.raw("UPDATE audit_entries SET address = '198.51.100.2', at = \(bind: second.at.addingTimeInterval(1)) WHERE seq = 2").run()
            #expect(try await AuditVerification.run(on: app.db).problems.count == 1)
            try await sql.raw("UPDATE audit_entries SET at = \(bind: second.at) WHERE seq = 2").run()
            #expect(try await AuditVerification.run(on: app.db).problems.isEmpty)

            // MUT: the third entry removed
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 3").run()
            report = try await AuditVerification.run(on: app.db)
            #expect(report.problems.contains { $0.contains("审计日志第4条") && $0.contains("前面缺少第3至3条") })
            #expect(report.problems.contains { $0.contains("审计日志第4条") && $0.contains("不衔接") })
            #expect(report.problems.count == 2)

            // MUT: the last entry removed too, which no later entry's link would show
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 5").run()
            report = try await AuditVerification.run(on: app.db)
            #expect(report.problems.contains { $0.contains("最后一条应为第5条") })
            await #expect(throws: AppError.self) { try await DemoCommandTests.runCommand(app, "verify-records") }
        }
    }

    static func dropAppendOnlyTriggers(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER audit_entries_append_only ON audit_entries").run()
        } else {
            try await sql.raw("DROP TRIGGER audit_entries_no_update").run()
            try await sql.raw("DROP TRIGGER audit_entries_no_delete").run()
        }
    }

    @Test("an entry hashes every stored field: changing any one of them changes the hash")
    func hashCoversEveryField() {
        let base = AuditChain.Fields(id: UUID(), seq: 7, at: Date(timeIntervalSince1970: 1_790_000_000.123), action: "login_failed",
                                     username: "kxwbgs", userID: UUID(), actorID: UUID(), address: "198.51.100.7",
                                     detail: "密码错误", previousHash: String(repeating: "a", count: 64))
        func with(_ change: (inout Mutable) -> Void) -> String {
            var m = Mutable(base)
            change(&m)
            return AuditChain.hash(m.fields)
        }
        let original = AuditChain.hash(base)
        #expect(with { _ in } == original)
        let changed = [
            with { $0.id = UUID() }, with { $0.seq = 8 }, with { $0.at = $0.at.addingTimeInterval(0.001) },
            with { $0.action = "login_succeeded" }, with { $0.username = "kxwbgs2" }, with { $0.userID = nil },
            with { $0.actorID = nil }, with { $0.address = "198.51.100.8" }, with { $0.detail = "密码错误 " },
            with { $0.previousHash = String(repeating: "b", count: 64) },
        ]
        #expect(changed.allSatisfy { $0 != original })
        #expect(Set(changed).count == changed.count)
        // A value cannot be shifted into its neighbour.
        #expect(with { $0.username = "kxwbgs1"; $0.address = "98.51.100.7" } != with { $0.username = "kxwbgs"; $0.address = "198.51.100.7" })
    }

    struct Mutable {
        var id: UUID, seq: Int, at: Date, action: String, username: String, userID: UUID?, actorID: UUID?
        var address: String, detail: String, previousHash: String
        init(_ f: AuditChain.Fields) {
            (id, seq, at, action, username, userID, actorID) = (f.id, f.seq, f.at, f.action, f.username, f.userID, f.actorID)
            (address, detail, previousHash) = (f.address, f.detail, f.previousHash)
        }
        var fields: AuditChain.Fields {
            .init(id: id, seq: seq, at: at, action: action, username: username, userID: userID, actorID: actorID,
                  address: address, detail: detail, previousHash: previousHash)
        }
    }

    /// The address the app saw for `username`'s login: every later entry of theirs must come from there.
    static func loginAddress(_ app: Application, _ username: String) async throws -> String {
        try #require(try await AuditEntry.query(on: app.db).filter(\.$username == username)
            .filter(\.$action == .loginSucceeded).first()).address
    }

    @Test("review decisions, single and bulk, are recorded with the reviewer, the address and the record")
    func reviewDecisions() async throws {
        try await TestApp.run { app, _ in
            let own = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let reviewer = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "zzjg").first())
            let address = try await Self.loginAddress(app, "zzjg")

            // 驳回 of the company's information, then 通过 of it resubmitted.
            try await Fixtures.fileCompany(own)
            let filing = try await Fixtures.companyFiling(app)
            try await Archive.reject(app, regulator, try filing.requireID(), opinion: "证书扫描件不清晰")
            var rejected = try await AuditEntry.query(on: app.db).filter(\.$action == .reviewRejected).all()
            #expect(rejected.count == 1)
            let entry = try #require(rejected.first)
            #expect(entry.username == "zzjg" && entry.userID == reviewer.id && entry.actorID == reviewer.id && entry.address == address)
            let filingID = try filing.requireID().uuidString
            #expect(entry.detail.contains(filing.subject) && entry.detail.contains(filingID) && entry.detail.contains("证书扫描件不清晰"))
            try await own.get(SiteURL.companyFiling.path)
            try await own.post(SiteURL.companyFilingSubmit.path, [:])
            try await Archive.approve(app, regulator, try filing.requireID(), opinion: "材料齐全")
            let approved = try await AuditEntry.query(on: app.db).filter(\.$action == .reviewApproved).all()
            #expect(approved.count == 1 && approved[0].username == "zzjg" && approved[0].detail.contains("材料齐全"))

            // 批量通过 of two workers: one entry each, marked as bulk.
            let first = try await Archive.addStaff(app, own, MaintenanceTests.niuxing)
            let second = try await Archive.addStaff(app, own, MaintenanceTests.liwen)
            try await Archive.staffAction(own, .submit, [first.record, second.record])
            try await regulator.get(SiteURL.reviewQueue.path + "?kind=staff")
            var form = ["opinion": ""]
            for (i, id) in [first.filing, second.filing].enumerated() {
                let f = try #require(try await Filing.find(id, on: app.db))
                form["ids[\(i)]"] = "\(id.uuidString):\(f.revision)"
            }
            #expect(try await regulator.follow(try await regulator.post(SiteURL.reviewBulkApprove.path, form)).contains("已审核通过2条记录"))
            let bulk = try await AuditEntry.query(on: app.db).filter(\.$action == .reviewApproved).filter(\.$seq > approved[0].seq).all()
            #expect(bulk.count == 2 && bulk.allSatisfy { $0.username == "zzjg" && $0.detail.hasPrefix("批量通过") && $0.address == address })
            #expect(Set(bulk.map { $0.detail.contains(first.filing.uuidString) ? "1" : $0.detail.contains(second.filing.uuidString) ? "2" : "?" }) == ["1", "2"])

            // A refused decision (already decided) writes nothing.
            let stale = try await regulator.post(SiteURL.reviewReject(filing.id).path, ["revision": "0", "opinion": "重复"])
            #expect(stale.status == .seeOther)
            rejected = try await AuditEntry.query(on: app.db).filter(\.$action == .reviewRejected).all()
            #expect(rejected.count == 1)
            _ = try await Self.expectLinear(app)
        }
    }

    @Test("a committed import and every export are recorded with who, from where, which list and which filter")
    func importsAndExports() async throws {
        try await TestApp.run { app, _ in
            let own = try await Fixtures.companyClient(app)
            let address = try await Self.loginAddress(app, "kxwbgs")
            // A dry run and a refused import write nothing; the committed import one entry.
            try await StaffImportTests.importFile(own, "人员.xlsx", try StaffImportTests.fixture("staff_good_openpyxl.xlsx"), dryRun: true)
            try await StaffImportTests.importFile(own, "错误.xlsx", try StaffImportTests.fixture("staff_bad_openpyxl.xlsx"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .imported).count() == 0)
            let page = try await StaffImportTests.importFile(own, "人员.xlsx", try StaffImportTests.fixture("staff_good_openpyxl.xlsx"))
            #expect(page.contains("导入成功：新增3人"))
            let imported = try await AuditEntry.query(on: app.db).filter(\.$action == .imported).all()
            #expect(imported.count == 1)
            let entry = try #require(imported.first)
            #expect(entry.username == "kxwbgs" && entry.actorID == entry.userID && entry.userID != nil && entry.address == address)
            #expect(entry.detail == "维保人员上报：文件“人员.xlsx”共3行，新增3人，更新0人，0人无变化")

            // The register's export, filtered.
            let file = try await Elevators.download(own, Register.staff.path(.export) + "?name=" + Archive.encoded("王强"))
            #expect(file.status == .ok)
            var exported = try await AuditEntry.query(on: app.db).filter(\.$action == .exported).all()
            #expect(exported.count == 1 && exported[0].username == "kxwbgs" && exported[0].address == address)
            #expect(exported[0].detail == "维保人员上报，1行；筛选条件：name=王强")
            // The maintenance records and an archive list, unfiltered.
            #expect(try await Elevators.download(own, SiteURL.maintenance(.export).path).status == .ok)
            #expect(try await Elevators.download(own, SiteURL.archive(.staff, .export).path).status == .ok)
            exported = try await AuditEntry.query(on: app.db).filter(\.$action == .exported).sort(\.$seq).all()
            #expect(exported.map(\.detail).dropFirst() == ["维保记录，0行；筛选条件：无", "维保人员信息，0行；筛选条件：无"])
            _ = try await Self.expectLinear(app)
        }
    }

    @Test("the admin's edits of the dictionary and the maintenance items are recorded")
    func adminActions() async throws {
        try await TestApp.run { app, _ in
            let admin = try await AdminTests.adminClient(app)
            try await admin.get(SiteURL.adminDictionaries.path)
            let added = try await admin.post(SiteURL.adminDictionaryAdd.path, ["category": DictionaryEntry.Category.allCases[0].rawValue, "value": "电梯检验员"])
            #expect(added.status == .seeOther)
            let entry = try #require(try await DictionaryEntry.query(on: app.db).filter(\.$value == "电梯检验员").first())
            try await admin.get(SiteURL.adminDictionaries.path)
            #expect(try await admin.post(SiteURL.adminDictionaryToggle(entry.id).path, [:]).status == .seeOther)
            let item = try #require(try await MaintenanceItem.query(on: app.db).first())
            try await admin.get(SiteURL.adminMaintenanceItems.path)
            #expect(try await admin.post(SiteURL.adminMaintenanceItemToggle(item.id).path, [:]).status == .seeOther)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$username == "root")
                .filter(\.$action ~~ [.dictionaryChanged, .maintenanceItemChanged]).sort(\.$seq).all()
            #expect(entries.map(\.action) == [.dictionaryChanged, .dictionaryChanged, .maintenanceItemChanged])
            #expect(entries[0].detail.contains("添加“电梯检验员”") && entries[1].detail.contains("停用“电梯检验员”"))
            #expect(entries[2].detail.contains("停用") && entries[2].detail.contains(item.item))
            _ = try await Self.expectLinear(app)
        }
    }

    /// Entries at chosen times in China: (day, time, action, user name, address, detail).
    static func seed(_ app: Application) async throws {
        let rows: [(String, AuditEntry.Action, String, String, String)] = [
            ("2025-05-31T23:30:00+08:00", .loginFailed, "alice", "198.51.100.7", "E1"),  // the day before
            ("2025-06-01T00:30:00+08:00", .loginFailed, "alice", "198.51.100.7", "E2"),
            ("2025-06-01T18:00:00+08:00", .exported, "alice", "198.51.100.7", "E3"),     // another event
            ("2025-06-02T12:00:00+08:00", .loginFailed, "bob", "198.51.100.7", "E4"),    // another user
            ("2025-06-02T20:00:00+08:00", .loginFailed, "alice", "198.51.100.8", "E5"),  // another address
            ("2025-06-02T23:59:59+08:00", .loginFailed, "alice", "198.51.100.7", "E6"),
            ("2025-06-03T00:00:00+08:00", .loginFailed, "alice", "198.51.100.7", "E7"),  // the day after
        ]
        for (time, action, username, address, detail) in rows {
            let at = try Date(time, strategy: .iso8601)
            try await AuditLog(db: app.db, now: at, address: address).record(action, username: username, userID: nil, detail: detail)
        }
    }

    /// The 说明 cells of the page's rows, in order.
    static func details(_ page: TestClient.Page) -> [String] {
        page.body.matches(of: /<td>(E\d+)<\/td>/).map { String($0.1) }
    }

    @Test("the filters select exactly the matching entries, are kept in the form and the links, and the export holds exactly them")
    func filtersAndExport() async throws {
        try await TestApp.run { app, _ in
            let auditor = try await AuthorizationTableTests.client(app, "audadm", role: .auditor)
            try await Self.seed(app)
            let list = SiteURL.adminAudit.path
            #expect(Self.details(try await auditor.get(list)) == ["E7", "E6", "E5", "E4", "E3", "E2", "E1"])
            let query = "?from=2025-06-01&to=2025-06-02&action=login_failed&address=198.51.100.7"
            #expect(Self.details(try await auditor.get(list + query)) == ["E6", "E4", "E2"])
            let page = try await auditor.get(list + query + "&username=alice")
            #expect(Self.details(page) == ["E6", "E2"])
            #expect(page.contains("value=\"2025-06-01\"") && page.contains("value=\"2025-06-02\"") && page.contains("value=\"alice\"")
                    && page.contains("value=\"198.51.100.7\"") && page.contains("<option value=\"login_failed\" selected>"))
            #expect(Self.details(try await auditor.get(list + "?to=2025-05-31")) == ["E1"])
            #expect(Self.details(try await auditor.get(list + "?from=2025-06-03")).first == "E7")
            #expect(try await auditor.get(list + "?from=2025-13-01").status == .badRequest)

            // 导出 of the same filter: exactly those entries, newest first, with their hashes.
            let exportLink = try #require(page.body.firstMatch(of: /href="(\/admin\/audit\/export[^"]*)"/).map { String($0.1) })
            let file = try await Elevators.download(auditor, exportLink.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(file.status == .ok)
            let rows = try XLSXReader.read(file.data).rows.map { Elevators.texts($0, count: 8) }
            #expect(rows.first == ["序号", "时间", "事件", "用户名", "操作人", "来源地址", "说明", "哈希"])
            #expect(rows.dropFirst().map { $0[6] } == ["E6", "E2"])
            #expect(rows.dropFirst().map { $0[1] } == ["2025-06-02 23:59:59", "2025-06-01 00:30:00"])
            let stored = try await AuditEntry.query(on: app.db).filter(\.$detail ~~ ["E6", "E2"]).sort(\.$seq, .descending).all()
            #expect(rows.dropFirst().map { $0[7] } == stored.map(\.hash))
            // The export is itself audited, with its filter.
            let last = try #require(try await AuditEntry.query(on: app.db).sort(\.$seq, .descending).first())
            #expect(last.action == .exported && last.username == "audadm")
            #expect(last.detail == "审计日志，2行；筛选条件：from=2025-06-01&to=2025-06-02&action=login_failed&username=alice&address=198.51.100.7")
            // A user name typed with "&", "=" and "+" at a failed login survives into the export link.
            try await AuditLog(db: app.db, now: try Date("2025-06-01T08:00:00+08:00", strategy: .iso8601), address: "198.51.100.7")
                .record(.loginFailed, username: "a&b=c+d", userID: nil, detail: "E8")
            let odd = try await auditor.get(list + "?username=" + Archive.encoded("a&b=c+d"))
            #expect(Self.details(odd) == ["E8"])
            let oddLink = try #require(odd.body.firstMatch(of: /href="(\/admin\/audit\/export[^"]*)"/).map { String($0.1) })
            let oddFile = try await Elevators.download(auditor, oddLink.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(try XLSXReader.read(oddFile.data).rows.dropFirst().map { Elevators.texts($0, count: 8)[6] } == ["E8"])
            _ = try await Self.expectLinear(app)
        }
    }

    @Test("pages of 50, the filter kept in the paging links")
    func paging() async throws {
        try await TestApp.run { app, clock in
            let auditor = try await AuthorizationTableTests.client(app, "audadm", role: .auditor)
            for i in 0..<55 {
                try await AuditLog(db: app.db, now: clock.now(), address: "198.51.100.9").record(.loginFailed, username: "carol", userID: nil, detail: "E\(i)")
            }
            let first = try await auditor.get(SiteURL.adminAudit.path + "?username=carol")
            #expect(first.contains("共 55 条") && Self.details(first).count == 50 && Self.details(first).first == "E54")
            let next = try #require(first.body.firstMatch(of: /href="([^"]*page=2[^"]*)"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") })
            #expect(next.contains("username=carol"))
            let second = try await auditor.get(next)
            #expect(Self.details(second) == ["E4", "E3", "E2", "E1", "E0"])
        }
    }

    @Test("only the audit administrator reads and exports the log; no route edits or deletes it")
    func onlyTheAuditor() async throws {
        try await TestApp.run { app, _ in
            let admin = try await AdminTests.adminClient(app)
            let security = try await AuthorizationTableTests.client(app, "secadm", role: .security)
            let company = try await Fixtures.companyClient(app)
            for client in [admin, security, company] {
                #expect(try await client.get(SiteURL.adminAudit.path).status == .forbidden)
                #expect(try await Elevators.download(client, SiteURL.adminAuditExport.path).status == .forbidden)
            }
            let auditor = try await AuthorizationTableTests.client(app, "audadm", role: .auditor)
            #expect(try await auditor.get(SiteURL.adminAudit.path).status == .ok)
            #expect(try await Elevators.download(auditor, SiteURL.adminAuditExport.path).status == .ok)
            // Every route below the log's path is a GET: nothing there writes.
            let writes = app.routes.all.filter { $0.method != .GET && $0.path.map(\.description).joined(separator: "/").hasPrefix("admin/audit") }
            #expect(writes.isEmpty)
        }
    }
}

@testable import App
import Fluent
import Foundation
import Supervision
import Testing
import Vapor

/// Every route of the site × every kind of visitor, with the ids of real records of one company (the
/// manual's 凯旋, in 巩义市, 郑州市), each cell's answer written down. A route added without its row here
/// fails the test, so its access rule is decided on purpose. Runs on SQLite and PostgreSQL.
@Suite("Who may use which route: the route × role table")
struct AuthorizationTableTests {
    typealias Archive = ArchiveTests

    /// The columns of the table, in order.
    enum Visitor: Int, CaseIterable, CustomStringConvertible {
        case anonymous, ownCompany, otherCompany, regulatorInRegion, regulatorOutside, admin, security, auditor, worker
        var description: String {
            ["anonymous", "own company", "other company", "regulator in region", "regulator outside", "admin",
             "security administrator", "audit administrator", "own company's worker"][rawValue]
        }
    }

    /// Route → the status each visitor gets, in `Visitor` order. GETs of the anonymous go to the login
    /// page (303), their POSTs are refused (401); 403 is a role never allowed there; 404 a record outside
    /// what the visitor may see, answered as if it did not exist. POSTs carry only the CSRF token: what
    /// is tested is who gets past the door, not what a form does (those have their own tests).
    static let table: [String: [UInt]] = [
        // Anyone.
        "GET /login": [200, 303, 303, 303, 303, 303, 303, 303, 303],
        "POST /login": [401, 401, 401, 401, 401, 401, 401, 401, 401],
        "GET /captcha": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        // The login's second step answers only a session whose password was right a moment ago.
        "GET /login/verify": [303, 303, 303, 303, 303, 303, 303, 303, 303],
        "POST /login/verify": [303, 303, 303, 303, 303, 303, 303, 303, 303],
        "POST /logout": [303, 303, 303, 303, 303, 303, 303, 303, 303],
        "GET /register": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "POST /register": [422, 422, 422, 422, 422, 422, 422, 422, 422],
        "GET /password/forgot": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "POST /password/forgot": [422, 422, 422, 422, 422, 422, 422, 422, 422],
        "GET /password/reset": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "POST /password/reset": [422, 422, 422, 422, 422, 422, 422, 422, 422],
        "GET /regions/children": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "GET /about": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "GET /healthz": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        "GET /readyz": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        // Nobody through the site: a token, or a direct request from the server itself (HealthTests).
        "GET /metrics": [404, 404, 404, 404, 404, 404, 404, 404, 404],
        "GET /lookup": [200, 200, 200, 200, 200, 200, 200, 200, 200],
        // The QR sticker in the car: the public lookup for everyone, check-in for the company's worker.
        "GET /q/:id/:token": [303, 303, 303, 303, 303, 303, 303, 303, 303],
        // Every account.
        "GET /": [303, 200, 200, 200, 200, 200, 200, 200, 303],
        "GET /password/change": [303, 200, 200, 200, 200, 200, 200, 200, 200],
        "POST /password/change": [401, 422, 422, 422, 422, 422, 422, 422, 422],
        "GET /account/two-factor": [303, 200, 200, 200, 200, 200, 200, 200, 200],
        "POST /account/two-factor": [401, 422, 422, 422, 422, 422, 422, 422, 422],
        "GET /feedback": [303, 200, 200, 200, 200, 200, 200, 200, 200],
        "POST /feedback": [401, 422, 422, 422, 422, 422, 422, 422, 422],
        "GET /archive/elevators": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /archive/elevators/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /archive/elevators/:id": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /archive/elevators/:id/history": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /archive/companies": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /archive/companies/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /archive/companies/:id": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /archive/companies/:id/history": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /archive/staff": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /archive/staff/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /archive/staff/:id": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /archive/staff/:id/history": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /files/:id": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        // The company's own filing and registers.
        "GET /filing/company": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "GET /filing/company/edit": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /filing/company/edit": [401, 422, 422, 403, 403, 403, 403, 403, 403],
        "GET /filing/company/view": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /filing/company/submit": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/company/withdraw": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/company/attachments": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/company/attachments/:id/remove": [401, 303, 404, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff/new": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/new": [401, 422, 422, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff/:id": [303, 200, 404, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff/:id/edit": [303, 200, 404, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/:id/edit": [401, 422, 404, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/submit": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/withdraw": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/delete": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff/template": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff/import": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/import": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "GET /filing/staff/export": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "GET /filing/elevators": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /filing/elevators/new": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /filing/elevators/new": [401, 422, 422, 403, 403, 403, 403, 403, 403],
        "GET /filing/elevators/:id": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /filing/elevators/:id/edit": [303, 200, 404, 403, 403, 403, 403, 403, 403],
        "POST /filing/elevators/:id/edit": [401, 422, 404, 403, 403, 403, 403, 403, 403],
        "POST /filing/elevators/submit": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/elevators/withdraw": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/elevators/delete": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "GET /filing/elevators/template": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "GET /filing/elevators/import": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /filing/elevators/import": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "GET /filing/elevators/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        // 维保签到: the workers' logins and the stickers (the company), the visits (in scope), the worker's pages.
        "POST /filing/staff/accounts/enable": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "POST /filing/staff/accounts/disable": [401, 303, 303, 403, 403, 403, 403, 403, 403],
        "GET /safety-codes": [303, 200, 404, 403, 403, 403, 403, 403, 403],
        "GET /visits": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /site-flags/:flag": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /site-flags/:flag/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "POST /maintenance/:id/explanation": [401, 303, 404, 403, 403, 403, 403, 403, 403],
        "POST /maintenance/:id/accept": [401, 403, 403, 303, 404, 303, 403, 403, 403],
        "GET /visits/:id": [303, 200, 404, 200, 404, 200, 403, 403, 200],
        "POST /visits/:id/check-out": [401, 403, 403, 403, 403, 403, 403, 403, 303],
        "POST /visits/:id/photos": [401, 403, 403, 403, 403, 403, 403, 403, 303],
        "GET /visits/:id/photos/:photo": [303, 200, 404, 200, 404, 200, 403, 403, 200],
        // The world's visit is signed already: a second signature is refused back to the visit.
        "POST /visits/:id/confirmation/code": [401, 403, 403, 403, 403, 403, 403, 403, 422],
        "POST /visits/:id/confirmation": [401, 403, 403, 403, 403, 403, 403, 403, 303],
        "GET /visits/:id/signature": [303, 200, 404, 200, 404, 200, 403, 403, 200],
        "GET /visits/:id/record": [303, 200, 404, 403, 403, 403, 403, 403, 200],
        "POST /visits/:id/record": [401, 422, 404, 403, 403, 403, 403, 403, 422],
        "GET /work": [303, 403, 403, 403, 403, 403, 403, 403, 200],
        "GET /work/elevators/:id/check-in": [303, 403, 403, 403, 403, 403, 403, 403, 200],
        "POST /work/elevators/:id/check-in": [401, 403, 403, 403, 403, 403, 403, 403, 404],
        "POST /work/check-in": [401, 403, 403, 403, 403, 403, 403, 403, 422],
        "GET /import-reports/:id": [303, 200, 404, 403, 403, 403, 403, 403, 403],
        // 维保记录 and the supervision lists.
        "GET /maintenance": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /maintenance/new": [303, 200, 200, 403, 403, 403, 403, 403, 403],
        "POST /maintenance/new": [401, 422, 422, 403, 403, 403, 403, 403, 403],
        "GET /maintenance/:id": [303, 200, 404, 200, 404, 200, 403, 403, 403],
        "GET /maintenance/:id/amend": [303, 200, 404, 403, 403, 403, 403, 403, 403],
        "POST /maintenance/:id/amend": [401, 422, 404, 403, 403, 403, 403, 403, 403],
        "GET /maintenance/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /supervision/:rule": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        "GET /supervision/:rule/export": [303, 200, 200, 200, 200, 200, 403, 403, 403],
        // Regulators and administrators.
        "GET /review": [303, 403, 403, 200, 200, 200, 403, 403, 403],
        "GET /review/:id": [303, 403, 403, 200, 404, 200, 403, 403, 403],
        "POST /review/:id/approve": [401, 403, 403, 303, 404, 303, 403, 403, 403],
        "POST /review/:id/reject": [401, 403, 403, 303, 404, 303, 403, 403, 403],
        "POST /review/approve": [401, 403, 403, 303, 303, 303, 403, 403, 403],
        "GET /companies": [303, 403, 403, 200, 200, 200, 403, 403, 403],
        "GET /companies/:id": [303, 403, 403, 200, 404, 200, 403, 403, 403],
        "POST /companies/:id/reset-password": [401, 403, 403, 303, 404, 303, 403, 403, 403],
        "GET /supervision": [303, 403, 403, 200, 200, 200, 403, 403, 403],
        "GET /statistics": [303, 403, 403, 200, 200, 200, 403, 403, 403],
        "GET /archive/elevators/:id/inspection": [303, 403, 403, 200, 404, 200, 403, 403, 403],
        "POST /archive/elevators/:id/inspection": [401, 403, 403, 422, 404, 422, 403, 403, 403],
        "GET /archive/elevators/:id/interval": [303, 403, 403, 200, 404, 200, 403, 403, 403],
        "POST /archive/elevators/:id/interval": [401, 403, 403, 422, 404, 422, 403, 403, 403],
        "POST /archive/elevators/:id/safety-code": [401, 403, 403, 303, 404, 303, 403, 403, 403],
        "POST /archive/elevators/:id/location": [401, 303, 404, 303, 404, 303, 403, 403, 403],
        // Administrators.
        "GET /admin/users": [303, 403, 403, 403, 403, 200, 403, 403, 403],
        "GET /admin/users/new": [303, 403, 403, 403, 403, 200, 403, 403, 403],
        "POST /admin/users/new": [401, 403, 403, 403, 403, 422, 403, 403, 403],
        "POST /admin/users/:id/disable": [401, 403, 403, 403, 403, 303, 403, 403, 403],
        "POST /admin/users/:id/enable": [401, 403, 403, 403, 403, 303, 403, 403, 403],
        "POST /admin/users/:id/reset-password": [401, 403, 403, 403, 403, 303, 403, 403, 403],
        "POST /admin/users/:id/region": [401, 403, 403, 403, 403, 303, 403, 403, 403],
        "GET /admin/outbox": [303, 403, 403, 403, 403, 200, 403, 403, 403],
        "GET /admin/feedback": [303, 403, 403, 403, 403, 200, 403, 403, 403],
        "GET /admin/dictionaries": [303, 403, 403, 403, 403, 200, 403, 403, 403],
        "POST /admin/dictionaries/add": [401, 403, 403, 403, 403, 400, 403, 403, 403],
        "POST /admin/dictionaries/:id/toggle": [401, 403, 403, 403, 403, 303, 403, 403, 403],
        "GET /admin/maintenance-items": [303, 403, 403, 403, 403, 200, 403, 403, 403],
        "POST /admin/maintenance-items/:id": [401, 403, 403, 403, 403, 422, 403, 403, 403],
        "POST /admin/maintenance-items/:id/toggle": [401, 403, 403, 403, 403, 303, 403, 403, 403],
        // The security administrator.
        "GET /security/accounts": [303, 403, 403, 403, 403, 403, 200, 403, 403],
        "POST /security/accounts/:id/unlock": [401, 403, 403, 403, 403, 403, 303, 403, 403],
        "POST /security/accounts/:id/reset-two-factor": [401, 403, 403, 403, 403, 403, 303, 403, 403],
        // The audit administrator.
        "GET /admin/audit": [303, 403, 403, 403, 403, 403, 403, 200, 403],
        "GET /admin/audit/export": [303, 403, 403, 403, 403, 403, 403, 200, 403],
    ]

    @Test("every route has its row, and every visitor gets the answer written in it")
    func table() async throws {
        try await TestApp.run(adjust: SupervisionTests.longSessions) { app, _ in
            let registered = Set(app.routes.all.map(Self.key))
            let missing = registered.subtracting(Self.table.keys).sorted()
            let stale = Set(Self.table.keys).subtracting(registered).sorted()
            #expect(missing.isEmpty, "routes without a row in the table: \(missing)")
            #expect(stale.isEmpty, "rows for routes that no longer exist: \(stale)")

            let world = try await World.make(app)
            // GETs first, then POSTs, each ending with the ones that change who is logged in.
            let order = Self.table.keys.sorted { a, b in
                let (ra, rb) = (Self.rank(a), Self.rank(b))
                return ra != rb ? ra < rb : a < b
            }
            var wrong: [String] = []
            for key in order {
                let expected = try #require(Self.table[key])
                let parts = key.split(separator: " ", maxSplits: 1)
                let path = world.resolve(String(parts[1]))
                for visitor in Visitor.allCases {
                    let client = key == "POST /logout" ? try await world.freshClient(visitor) : world.clients[visitor.rawValue]
                    let status = parts[0] == "GET"
                        ? try await client.get(path).status.code
                        : try await client.post(path, [:]).status.code
                    if status != expected[visitor.rawValue] {
                        wrong.append("\(key) as \(visitor): \(status), expected \(expected[visitor.rawValue])")
                    }
                    // A visitor's token changes with a new session (logout); take it from a page again.
                    if parts[0] == "POST" { try await world.refreshToken(visitor) }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.count) cells differ:\n\(wrong.joined(separator: "\n"))")
        }
    }

    static func key(_ route: Route) -> String {
        route.method.rawValue + " /" + route.path.map(\.description).joined(separator: "/")
    }

    /// GETs, then POSTs; last those that reset a password or log out.
    static func rank(_ key: String) -> Int {
        if key.hasPrefix("GET") { return 0 }
        if key.contains("reset-password") || key == "POST /logout" { return 2 }
        return 1
    }

    static let password = "Adm#2026pass"

    /// A logged-in client of one of the three administrators' accounts.
    static func client(_ app: Application, _ username: String, role: UserRole) async throws -> TestClient {
        _ = try await Fixtures.createAccount(app, username, role: role, password: password)
        let client = TestClient(app)
        try await client.logIn(username, password)
        return client
    }

    /// The records of 凯旋 (approved information with a certificate, two approved workers and one under
    /// review, an approved elevator with a maintenance record, an import's error report), 红旗 as the other
    /// company, the two regulators, an administrator, and one logged-in client per visitor.
    struct World {
        let app: Application
        let clients: [TestClient]
        let ids: [String: String]

        static func make(_ app: Application) async throws -> World {
            let own = try await Fixtures.companyClient(app)
            let regulatorIn = try await Fixtures.regulatorClient(app, region: "410100", username: "zzjg")
            let regulatorOut = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let admin = try await Archive.adminClient(app)
            let security = try await AuthorizationTableTests.client(app, "secadm", role: .security)
            let auditor = try await AuthorizationTableTests.client(app, "audadm", role: .auditor)
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            let anonymous = TestClient(app)
            try await anonymous.get(SiteURL.login.path)

            let company = try await Archive.approvedCompany(app, own, regulatorIn)
            let attachment = try #require(try await Attachment.query(on: app.db).first()?.id)
            let worker1 = try await Archive.approvedStaff(app, own, regulatorIn, MaintenanceTests.niuxing)
            let worker2 = try await Archive.approvedStaff(app, own, regulatorIn, MaintenanceTests.liwen)
            let pending = try await Archive.addStaff(app, own, MaintenanceTests.wangqiang)
            try await Archive.staffAction(own, .submit, [pending.record])
            let elevator = try await Archive.approvedElevator(app, own, regulatorIn, ElevatorRegisterTests.elevator())
            let filed = try await MaintenanceTests.file(own, try await MaintenanceTests.form(app, workers: [worker1.filing, worker2.filing]))
            #expect(filed.status == .ok)
            let record = try #require(try await MaintenanceRecord.query(on: app.db).first()?.id)
            try await StaffImportTests.importFile(own, "人员.xlsx", try StaffImportTests.fixture("staff_bad_openpyxl.xlsx"))
            let report = try #require(try await ImportReportFile.query(on: app.db).first()?.id)
            let companyID = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first()?.id)
            let target = try await Fixtures.createAccount(app, "target", role: .regulator, region: "410100")
            let entry = try #require(try await DictionaryEntry.query(on: app.db).first()?.id)
            let item = try #require(try await MaintenanceItem.query(on: app.db).first()?.id)

            // 牛星's login, checked in at the elevator through its sticker.
            let worker = try await FieldworkTests.worker(app, own, staff: worker1, phone: MaintenanceTests.niuxing["phone"] ?? "")
            let safety = try await FieldworkTests.code(app, elevator.filing)
            #expect(try await FieldworkTests.checkIn(worker, elevator.filing, token: safety.token).status == .seeOther)
            let visit = try #require(try await SiteVisit.query(on: app.db).first()?.id)
            _ = try await VisitPhotoTests.upload(worker, visit, "机房", try VisitPhotoTests.scene(1))
            let photo = try #require(try await VisitPhoto.query(on: app.db).first()?.id)
            try await worker.get(SiteURL.visit(visit).path)
            let signed = try await worker.post(SiteURL.visitConfirmation(visit).path,
                                               ["confirmer_name": "杜经理", "confirmer_phone": "0371-64325678", "signature": VisitConfirmationTests.signature])
            #expect(signed.status == .seeOther)

            let clients = [anonymous, own, other, regulatorIn, regulatorOut, admin, security, auditor, worker]
            for client in clients.dropFirst() { try await client.get(SiteURL.home.path) }
            return World(app: app, clients: clients, ids: [
                "/filing/staff/:id": worker1.record.uuidString,
                "/filing/elevators/:id": elevator.record.uuidString,
                "/archive/elevators/:id": elevator.filing.uuidString,
                "/archive/staff/:id": worker1.filing.uuidString,
                "/archive/companies/:id": company.uuidString,
                "/files/:id": attachment.uuidString,
                "/filing/company/attachments/:id": attachment.uuidString,
                "/companies/:id": companyID.uuidString,
                "/review/:id": pending.filing.uuidString,
                "/import-reports/:id": report.uuidString,
                "/maintenance/:id": record.uuidString,
                "/admin/users/:id": try target.requireID().uuidString,
                "/security/accounts/:id": try target.requireID().uuidString,
                "/admin/dictionaries/:id": entry.uuidString,
                "/admin/maintenance-items/:id": item.uuidString,
                "/supervision/:rule": "/supervision/" + SupervisionRule.overdue.rawValue,
                "/site-flags/:flag": SiteURL.siteFlags(SiteFlag.noCheckIn.code).path,
                "/visits/:id": visit.uuidString,
                "/visits/:id/photos/:photo": SiteURL.visitPhoto(visit, photo).path,
                "/q/:id/:token": SiteURL.safetyCodeScan(elevator.filing, safety.token).path,
                "/work/elevators/:id/check-in": SiteURL.workCheckIn(elevator.filing).path + "?t=" + safety.token,
                "/safety-codes": SiteURL.safetyCodes.path + "?ids=" + elevator.filing.uuidString,
            ])
        }

        /// The route's path with the id of the record it is about.
        func resolve(_ pattern: String) -> String {
            // The longest pattern first: /visits/:id/photos/:photo before /visits/:id.
            for (prefix, value) in ids.sorted(by: { $0.key.count > $1.key.count }) where pattern.hasPrefix(prefix) {
                let rest = pattern.dropFirst(prefix.count)
                if value.hasPrefix("/") { return value + rest }
                return String(prefix.dropLast(3)) + value + rest
            }
            return pattern
        }

        /// A client of `visitor` logged in just now, for a request that ends its session.
        func freshClient(_ visitor: Visitor) async throws -> TestClient {
            let client = TestClient(app)
            switch visitor {
            case .anonymous: try await client.get(SiteURL.login.path)
            case .ownCompany: try await client.logIn("kxwbgs", Fixtures.password)
            case .otherCompany: try await client.logIn("hqdt", Fixtures.password)
            case .regulatorInRegion: try await client.logIn("zzjg", "Reg#2026pass")
            case .regulatorOutside: try await client.logIn("xxjg", "Reg#2026pass")
            case .admin: try await client.logIn("ops", "Reg#2026pass")
            case .security: try await client.logIn("secadm", AuthorizationTableTests.password)
            case .auditor: try await client.logIn("audadm", AuthorizationTableTests.password)
            case .worker: try await client.logIn("w13663017321", FieldworkTests.workerPassword)
            }
            if visitor != .anonymous { try await client.get(SiteURL.home.path) }
            return client
        }

        func refreshToken(_ visitor: Visitor) async throws {
            try await clients[visitor.rawValue].get(visitor == .anonymous ? SiteURL.login.path : SiteURL.about.path)
        }
    }
}

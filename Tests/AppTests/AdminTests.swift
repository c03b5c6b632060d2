@testable import App
import Fluent
import Testing
import Vapor

@Suite("系统管理员 and 监管人员: accounts, regions, company password resets")
struct AdminTests {
    static func adminClient(_ app: Application) async throws -> TestClient {
        _ = try await Fixtures.createAccount(app, "root", role: .admin, password: "Root#2026pass")
        let client = TestClient(app)
        try await client.logIn("root", "Root#2026pass")
        try await client.get(SiteURL.adminUsers.path)
        return client
    }

    @Test("the admin creates a regulator bound to a region, who can then log in")
    func createRegulator() async throws {
        try await TestApp.run { app, _ in
            let admin = try await Self.adminClient(app)
            try await admin.get(SiteURL.adminUserNew.path)
            let page = try await admin.post(SiteURL.adminUserNew.path, [
                "username": "xxjg", "display_name": "王监管", "role": "regulator", "region_code": "410700", "password": "Reg#2026pass"])
            #expect(page.location == SiteURL.adminUsers.path)
            let list = try await admin.follow(page)
            #expect(list.contains("xxjg"))
            #expect(list.contains("河南省新乡市"))
            #expect(try await TestClient(app).logIn("xxjg", "Reg#2026pass").status == .seeOther)
        }
    }

    @Test("a regulator needs a region; bad input is shown beside its field")
    func createRegulatorValidation() async throws {
        try await TestApp.run { app, _ in
            let admin = try await Self.adminClient(app)
            let page = try await admin.post(SiteURL.adminUserNew.path, [
                "username": "x", "display_name": "", "role": "regulator", "region_code": "", "password": "weak"])
            #expect(page.status == .unprocessableEntity)
            for field in ["username", "display_name", "region_code", "password"] {
                #expect(page.contains("id=\"f-\(field)-error\""), "no message for \(field)")
            }
        }
    }

    @Test("disabling an account ends its open session; enabling lets it back in")
    func disable() async throws {
        try await TestApp.run { app, _ in
            let regulator = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            let session = TestClient(app)
            try await session.logIn("xxjg", "Reg#2026pass")
            #expect(try await session.get(SiteURL.home.path).status == .ok)

            let admin = try await Self.adminClient(app)
            try await admin.post(SiteURL.adminUserDisable(regulator.id).path, [:])
            #expect(try await session.get(SiteURL.home.path).location == SiteURL.login.path)
            #expect(try await TestClient(app).logIn("xxjg", "Reg#2026pass").status == .unauthorized)

            try await admin.get(SiteURL.adminUsers.path)
            try await admin.post(SiteURL.adminUserEnable(regulator.id).path, [:])
            #expect(try await TestClient(app).logIn("xxjg", "Reg#2026pass").status == .seeOther)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$userID == regulator.id).all().map(\.action)
            #expect(actions.contains(.accountDisabled) && actions.contains(.accountEnabled))
        }
    }

    @Test("the admin cannot disable the own account")
    func cannotDisableSelf() async throws {
        try await TestApp.run { app, _ in
            let admin = try await Self.adminClient(app)
            let me = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "root").first())
            try await admin.post(SiteURL.adminUserDisable(me.id).path, [:])
            #expect(try await User.find(me.id, on: app.db)?.disabled == false)
        }
    }

    @Test("resetting a password shows a temporary one that works once told")
    func resetRegulatorPassword() async throws {
        try await TestApp.run { app, _ in
            let regulator = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            let admin = try await Self.adminClient(app)
            let done = try await admin.post(SiteURL.adminUserResetPassword(regulator.id).path, [:])
            let list = try await admin.follow(done)
            let temporary = try #require(list.body.firstMatch(of: /临时密码：([A-Za-z0-9]{12})/).map { String($0.1) })
            #expect(try await TestClient(app).logIn("xxjg", temporary).status == .seeOther)
        }
    }

    @Test("the admin moves a regulator to another region")
    func changeRegion() async throws {
        try await TestApp.run { app, _ in
            let regulator = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            let admin = try await Self.adminClient(app)
            try await admin.post(SiteURL.adminUserRegion(regulator.id).path, ["region_code": "410100"])
            #expect(try await User.find(regulator.id, on: app.db)?.regionCode == "410100")
        }
    }

    @Test("a regulator sees and resets only companies of its region and below")
    func regulatorScope() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())  // 郑州市巩义市
            try await Fixtures.register(app, Fixtures.hongqi())   // 新乡市红旗区
            _ = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            let regulator = TestClient(app)
            try await regulator.logIn("xxjg", "Reg#2026pass")
            let list = try await regulator.get(SiteURL.companies.path)
            #expect(list.contains("红旗电梯工程有限公司"))
            #expect(!list.contains("凯旋电梯维保有限公司"))

            let kaixuan = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first())
            let hongqi = try #require(try await Company.query(on: app.db).filter(\.$name == "红旗电梯工程有限公司").first())
            let outside = try await regulator.post(SiteURL.companyResetPassword(kaixuan.id).path, [:])
            #expect(outside.status == .notFound)
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .seeOther)

            try await regulator.get(SiteURL.companies.path)
            let inside = try await regulator.post(SiteURL.companyResetPassword(hongqi.id).path, [:])
            #expect(inside.status == .seeOther)
            #expect(try await TestClient(app).logIn("hqdt", Fixtures.password).status == .unauthorized)
        }
    }

    @Test("a province regulator sees every city of the province")
    func provinceScope() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            try await Fixtures.register(app, Fixtures.hongqi())
            _ = try await Fixtures.createAccount(app, "hnsj", role: .regulator, region: "410000")
            let client = TestClient(app)
            try await client.logIn("hnsj", "Reg#2026pass")
            let list = try await client.get(SiteURL.companies.path)
            #expect(list.contains("红旗电梯工程有限公司") && list.contains("凯旋电梯维保有限公司"))
        }
    }

    @Test("the admin reads the outbox; the audit log only the audit administrator (三员分立)")
    func logs() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            try await TestClient(app).logIn("kxwbgs", "Wrong#2026pass")
            let admin = try await Self.adminClient(app)
            #expect(try await admin.get(SiteURL.adminAudit.path).status == .forbidden)
            let auditor = try await AuthorizationTableTests.client(app, "audadm", role: .auditor)
            let audit = try await auditor.get(SiteURL.adminAudit.path)
            #expect(audit.contains("登录失败") && audit.contains("kxwbgs"))
            #expect(try await auditor.get(SiteURL.adminOutbox.path).status == .forbidden)
            #expect(try await admin.get(SiteURL.adminOutbox.path).status == .ok)
        }
    }

    @Test("the command line creates regulators and admins")
    func command() async throws {
        try await TestApp.run { app, _ in
            var context = CommandContext(console: TestConsole(), input: CommandInput(arguments: [
                "liftwatch", "create", "--role", "regulator", "--region", "410700", "--username", "cli", "--password", "Cli#2026pass"]))
            context.application = app
            try await app.asyncCommands.commands["user"]!.run(using: &context)
            let user = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "cli").first())
            #expect(user.role == .regulator)
            #expect(user.regionCode == "410700")
        }
    }
}

/// A console that prints nothing, for commands run in tests.
final class TestConsole: Console, @unchecked Sendable {
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (80, 24) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {}
    func report(error: String, newLine: Bool) {}
    func clear(_ type: ConsoleClear) {}
}

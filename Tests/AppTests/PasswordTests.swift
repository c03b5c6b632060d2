@testable import App
import Fluent
import Testing
import Vapor

@Suite("修改密码 and 找回密码")
struct PasswordTests {
    /// Asks for a recovery code and reads it from the outbox, as the SMS gateway would deliver it.
    static func requestCode(_ app: Application, _ client: TestClient, phone: String = "13733877795") async throws -> (TestClient.Page, String?) {
        try await client.get(SiteURL.forgotPassword.path)
        try await client.get(SiteURL.captcha.path)
        let page = try await client.post(SiteURL.forgotPassword.path, ["username": "kxwbgs", "phone": phone, "captcha": TestApp.captcha])
        let message = try await OutboxMessage.query(on: app.db).sort(\.$createdAt, .descending).first()
        let code = message.flatMap { m in m.body.firstMatch(of: /验证码(\d{6})/).map { String($0.1) } }
        return (page, code)
    }

    @Test("修改密码 needs the old password and a strong new one")
    func change() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            try await client.get(SiteURL.changePassword.path)
            let wrongOld = try await client.post(SiteURL.changePassword.path, [
                "old_password": "Nope#2026pass", "new_password": "New#2026pass", "new_password_confirm": "New#2026pass"])
            #expect(wrongOld.contains("原密码不正确"))
            let weak = try await client.post(SiteURL.changePassword.path, [
                "old_password": Fixtures.password, "new_password": "weak", "new_password_confirm": "weak"])
            #expect(weak.contains("id=\"f-new_password-error\""))
            let done = try await client.post(SiteURL.changePassword.path, [
                "old_password": Fixtures.password, "new_password": "New#2026pass", "new_password_confirm": "New#2026pass"])
            #expect(done.status == .seeOther)
            #expect(try await TestClient(app).logIn("kxwbgs", "New#2026pass").status == .seeOther)
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .unauthorized)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .passwordChanged).count() == 1)
        }
    }

    @Test("找回密码: a code sent to 负责人手机 sets a new password")
    func recovery() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            let (page, code) = try await Self.requestCode(app, client)
            #expect(page.location == SiteURL.resetPassword.path)
            let sent = try #require(code)
            #expect(try await OutboxMessage.query(on: app.db).first()?.recipient == "13733877795")
            let form = try await client.get(SiteURL.resetPassword.path)
            #expect(form.contains("value=\"kxwbgs\""))
            let done = try await client.post(SiteURL.resetPassword.path, [
                "username": "kxwbgs", "code": sent, "new_password": "Reset#2026pass", "new_password_confirm": "Reset#2026pass"])
            #expect(done.location == SiteURL.login.path)
            #expect(try await TestClient(app).logIn("kxwbgs", "Reset#2026pass").status == .seeOther)
            // The code is used up.
            let again = try await client.post(SiteURL.resetPassword.path, [
                "username": "kxwbgs", "code": sent, "new_password": "Again#2026pass", "new_password_confirm": "Again#2026pass"])
            #expect(again.status == .unprocessableEntity)
        }
    }

    @Test("a phone that is not the company's gets no code")
    func wrongPhone() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let (page, code) = try await Self.requestCode(app, TestClient(app), phone: "13900000000")
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("不匹配"))
            #expect(code == nil)
        }
    }

    @Test("a code allows five tries")
    func fiveTries() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            let (_, code) = try await Self.requestCode(app, client)
            let real = try #require(code)
            let wrong = real == "000000" ? "111111" : "000000"
            for _ in 1...5 {
                let page = try await client.post(SiteURL.resetPassword.path, [
                    "username": "kxwbgs", "code": wrong, "new_password": "Reset#2026pass", "new_password_confirm": "Reset#2026pass"])
                #expect(page.status == .unprocessableEntity)
            }
            let sixth = try await client.post(SiteURL.resetPassword.path, [
                "username": "kxwbgs", "code": real, "new_password": "Reset#2026pass", "new_password_confirm": "Reset#2026pass"])
            #expect(sixth.contains("错误次数过多"))
            #expect(try await TestClient(app).logIn("kxwbgs", "Reset#2026pass").status == .unauthorized)
        }
    }

    @Test("a code expires after ten minutes")
    func expiry() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            let (_, code) = try await Self.requestCode(app, client)
            clock.advance(by: 10 * 60 + 1)
            let page = try await client.post(SiteURL.resetPassword.path, [
                "username": "kxwbgs", "code": try #require(code), "new_password": "Reset#2026pass", "new_password_confirm": "Reset#2026pass"])
            #expect(page.contains("已过期"))
        }
    }

    @Test("the recovery form checks the captcha")
    func recoveryCaptcha() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.get(SiteURL.forgotPassword.path)
            try await client.get(SiteURL.captcha.path)
            let page = try await client.post(SiteURL.forgotPassword.path, ["username": "kxwbgs", "phone": "13733877795", "captcha": "9999"])
            #expect(page.contains("验证码错误"))
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
        }
    }
}

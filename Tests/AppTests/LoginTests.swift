@testable import App
import Fluent
import Testing
import Vapor

@Suite("用户登录 (manual 1.2): captcha, lockout, throttle, audit")
struct LoginTests {
    @Test("the right user name, password and captcha log in")
    func logsIn() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            let page = try await client.logIn("kxwbgs", Fixtures.password)
            #expect(page.status == .seeOther)
            #expect(page.location == SiteURL.home.path)
            let home = try await client.follow(page)
            #expect(home.status == .ok)
            #expect(home.contains("凯旋电梯维保有限公司"))
            #expect(home.contains("待上报"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == .loginSucceeded).all()
            #expect(audit.map(\.username) == ["kxwbgs"])
        }
    }

    @Test("user names are matched regardless of case")
    func caseInsensitive() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            #expect(try await TestClient(app).logIn("KxWbGs", Fixtures.password).status == .seeOther)
        }
    }

    @Test("wrong password, unknown user and wrong captcha all give the one generic message", arguments: [
        ("kxwbgs", "Wrong#2026pass", TestApp.captcha),
        ("nobody", Fixtures.password, TestApp.captcha),
        ("kxwbgs", Fixtures.password, "0000"),
    ])
    func genericFailure(username: String, password: String, captcha: String) async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let page = try await TestClient(app).logIn(username, password, captcha: captcha)
            #expect(page.status == .unauthorized)
            #expect(page.contains(LoginService.genericFailure))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .loginFailed).count() == 1)
        }
    }

    @Test("a captcha is used up by one attempt, right or wrong")
    func captchaSingleUse() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.get(SiteURL.login.path)
            try await client.get(SiteURL.captcha.path)
            let first = try await client.post(SiteURL.login.path, ["username": "kxwbgs", "password": "Wrong#2026x", "captcha": TestApp.captcha])
            #expect(first.status == .unauthorized)
            // The same answer again, without loading a new image: refused even with the right password.
            let second = try await client.post(SiteURL.login.path, ["username": "kxwbgs", "password": Fixtures.password, "captcha": TestApp.captcha])
            #expect(second.status == .unauthorized)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$detail == "验证码错误").count() == 1)
        }
    }

    @Test("a captcha expires after five minutes")
    func captchaExpiry() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.get(SiteURL.login.path)
            try await client.get(SiteURL.captcha.path)
            clock.advance(by: 5 * 60 + 1)
            let late = try await client.post(SiteURL.login.path, ["username": "kxwbgs", "password": Fixtures.password, "captcha": TestApp.captcha])
            #expect(late.status == .unauthorized)
            try await client.get(SiteURL.captcha.path)
            clock.advance(by: 4 * 60)
            let inTime = try await client.post(SiteURL.login.path, ["username": "kxwbgs", "password": Fixtures.password, "captcha": TestApp.captcha])
            #expect(inTime.status == .seeOther)
        }
    }

    @Test("the captcha is a PNG image, never cached")
    func captchaImage() async throws {
        try await TestApp.run { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.captcha.path)
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .png)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            #expect(Array(response.body.readableBytesView.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
    }

    @Test("without a loaded captcha, a login is refused")
    func noCaptchaLoaded() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.get(SiteURL.login.path)
            let page = try await client.post(SiteURL.login.path, ["username": "kxwbgs", "password": Fixtures.password, "captcha": TestApp.captcha])
            #expect(page.status == .unauthorized)
        }
    }

    @Test("LIFTWATCH_CAPTCHA=off skips only the captcha check")
    func captchaOff() async throws {
        try await TestApp.run(captcha: false) { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let ok = try await TestClient(app).logIn("kxwbgs", Fixtures.password, captcha: "")
            #expect(ok.status == .seeOther)
            let wrong = try await TestClient(app).logIn("kxwbgs", "Wrong#2026pass", captcha: "")
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test("five failures lock the account for 15 minutes, even against the right password")
    func lockout() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            for _ in 1...4 {
                let page = try await TestClient(app).logIn("kxwbgs", "Wrong#2026pass")
                #expect(page.contains(LoginService.genericFailure))
            }
            let fifth = try await TestClient(app).logIn("kxwbgs", "Wrong#2026pass")
            #expect(fifth.contains("账号已锁定"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .accountLocked).count() == 1)

            let locked = try await TestClient(app).logIn("kxwbgs", Fixtures.password)
            #expect(locked.status == .unauthorized)
            #expect(locked.contains("15分钟"))

            clock.advance(by: 15 * 60 - 10)
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .unauthorized)
            clock.advance(by: 11)
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .seeOther)
        }
    }

    @Test("a success resets the failure count")
    func successResetsCount() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            for _ in 1...4 { try await TestClient(app).logIn("kxwbgs", "Wrong#2026pass") }
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .seeOther)
            for _ in 1...4 { try await TestClient(app).logIn("kxwbgs", "Wrong#2026pass") }
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .seeOther)
        }
    }

    @Test("a flood of failures from one address is throttled")
    func throttle() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            // Many different (unknown) user names, so no single account locks: only the address limit applies.
            for i in 0..<LoginService.throttleLimit {
                try await TestClient(app).logIn("nobody\(i)", "Wrong#2026pass")
            }
            let throttled = try await TestClient(app).logIn("kxwbgs", Fixtures.password)
            #expect(throttled.status == .tooManyRequests)
            clock.advance(by: LoginService.throttleWindow + 1)
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .seeOther)
        }
    }

    @Test("a disabled account cannot log in")
    func disabled() async throws {
        try await TestApp.run { app, _ in
            let user = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            user.disabled = true
            try await user.update(on: app.db)
            let page = try await TestClient(app).logIn("xxjg", "Reg#2026pass")
            #expect(page.status == .unauthorized)
            #expect(page.contains("已停用"))
        }
    }

    @Test("退出 ends the session")
    func logout() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            try await client.get(SiteURL.home.path)
            let out = try await client.post(SiteURL.logout.path, [:])
            #expect(out.location == SiteURL.login.path)
            #expect(try await client.get(SiteURL.home.path).location == SiteURL.login.path)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .logout).count() == 1)
        }
    }

    @Test("logging in gives a new session id")
    func sessionRotates() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.get(SiteURL.login.path)
            let before = client.cookie
            try await client.get(SiteURL.captcha.path)
            try await client.post(SiteURL.login.path, ["username": "kxwbgs", "password": Fixtures.password, "captcha": TestApp.captcha])
            #expect(before != nil)
            #expect(client.cookie != before)
            #expect(try await StoredSession.find(before!, on: app.db) == nil)
        }
    }
}

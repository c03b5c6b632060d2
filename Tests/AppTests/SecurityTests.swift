@testable import App
import Fluent
import Testing
import Vapor

@Suite("Sessions, CSRF and who may open which page")
struct SecurityTests {
    @Test("a POST without the CSRF token, or with a wrong one, is refused", arguments: ["", "forged-token"])
    func csrfRefused(token: String) async throws {
        try await TestApp.run { app, _ in
            let client = TestClient(app)
            try await client.get(SiteURL.register.path)
            let page = try await client.post(SiteURL.register.path, Fixtures.kaixuan(), csrf: token)
            #expect(page.status == .forbidden)
            #expect(page.contains("页面已过期"))
            #expect(try await Company.query(on: app.db).count() == 0)
        }
    }

    @Test("a token from another session does not work")
    func csrfOtherSession() async throws {
        try await TestApp.run { app, _ in
            let first = TestClient(app)
            try await first.get(SiteURL.register.path)
            let second = TestClient(app)
            try await second.get(SiteURL.register.path)
            let page = try await second.post(SiteURL.register.path, Fixtures.kaixuan(), csrf: first.csrf!)
            #expect(page.status == .forbidden)
        }
    }

    @Test("the session cookie is HttpOnly and SameSite=Lax")
    func cookieFlags() async throws {
        try await TestApp.run { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.login.path)
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("liftwatch_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
        }
    }

    @Test("sessions live in the database")
    func sessionsStored() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            try await TestClient(app).logIn("kxwbgs", Fixtures.password)
            let sessions = try await StoredSession.query(on: app.db).all()
            #expect(sessions.contains { $0.data.contains("uid") })
        }
    }

    @Test("a session idle for more than 30 minutes ends; activity keeps it alive")
    func idleTimeout() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            clock.advance(by: 29 * 60)
            #expect(try await client.get(SiteURL.home.path).status == .ok)
            clock.advance(by: 29 * 60)
            #expect(try await client.get(SiteURL.home.path).status == .ok)
            clock.advance(by: 30 * 60 + 1)
            let expired = try await client.get(SiteURL.home.path)
            #expect(expired.status == .seeOther)
            #expect(expired.location == SiteURL.login.path)
        }
    }

    @Test("a page view that changes nothing writes the session only once a minute; a change is written at once")
    func sessionWritesOnlyWhatChanged() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.get(SiteURL.login.path)
            clock.advance(by: 10)
            try await client.logIn("kxwbgs", Fixtures.password)
            func stored() async throws -> StoredSession {
                try #require(try await StoredSession.query(on: app.db).all().first { $0.data.contains("uid") })
            }
            let loggedIn = try await stored()
            #expect(abs(loggedIn.updatedAt.timeIntervalSince(clock.now())) < 0.01, "the login changed the data: written at once")

            clock.advance(by: 30)
            #expect(try await client.get(SiteURL.home.path).status == .ok)
            let unchanged = try await stored()
            #expect(abs(unchanged.updatedAt.timeIntervalSince(loggedIn.updatedAt)) < 0.01, "nothing changed, touched under a minute ago: no write")
            #expect(unchanged.data == loggedIn.data)

            clock.advance(by: 31)
            #expect(try await client.get(SiteURL.home.path).status == .ok)
            let touched = try await stored()
            #expect(abs(touched.updatedAt.timeIntervalSince(clock.now())) < 0.01, "a minute old: the idle clock is touched")
            // Updated in place: still the one row of this login (the other is the registration's visitor).
            #expect(try await StoredSession.query(on: app.db).all().filter { $0.data.contains("uid") }.count == 1)
        }
    }

    @Test("requests with made-up session cookies leave no rows behind")
    func madeUpCookies() async throws {
        try await TestApp.run { app, _ in
            let before = try await StoredSession.query(on: app.db).count()
            for n in 0..<5 {
                let client = TestClient(app)
                client.cookie = "forged-\(n)"
                let page = try await client.get(SiteURL.home.path)
                #expect(page.status == .seeOther)
            }
            #expect(try await StoredSession.query(on: app.db).count() == before)
        }
    }

    @Test("anonymous visitors are sent to the login page", arguments: [
        SiteURL.home.path, SiteURL.companyFiling.path, SiteURL.adminUsers.path, SiteURL.companies.path, SiteURL.changePassword.path,
    ])
    func anonymous(path: String) async throws {
        try await TestApp.run { app, _ in
            let page = try await TestClient(app).get(path)
            #expect(page.status == .seeOther)
            #expect(page.location == SiteURL.login.path)
        }
    }

    @Test("a company user is refused from regulator and admin pages", arguments: [
        SiteURL.adminUsers.path, SiteURL.adminUserNew.path, SiteURL.adminOutbox.path, SiteURL.adminAudit.path,
        SiteURL.adminFeedback.path, SiteURL.companies.path, SiteURL.reviewQueue.path,
    ])
    func companyRefused(path: String) async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            let page = try await client.get(path)
            #expect(page.status == .forbidden)
            #expect(page.contains("没有权限"))
        }
    }

    @Test("a company user cannot post to admin actions")
    func companyCannotCreateAccounts() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            try await client.get(SiteURL.home.path)
            let page = try await client.post(SiteURL.adminUserNew.path, [
                "username": "evil", "display_name": "x", "role": "admin", "password": "Evil#2026pass",
            ])
            #expect(page.status == .forbidden)
            #expect(try await User.query(on: app.db).filter(\.$usernameKey == "evil").count() == 0)
        }
    }

    @Test("a regulator is refused from admin pages and from the company menu")
    func regulatorRefused() async throws {
        try await TestApp.run { app, _ in
            _ = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            let client = TestClient(app)
            try await client.logIn("xxjg", "Reg#2026pass")
            #expect(try await client.get(SiteURL.adminUsers.path).status == .forbidden)
            #expect(try await client.get(SiteURL.companyFiling.path).status == .forbidden)
            #expect(try await client.get(SiteURL.companies.path).status == .ok)
        }
    }

    @Test("each role sees its own menu; the company's is the manual's")
    func menus() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            let home = try await client.get(SiteURL.home.path)
            for item in ["备案信息上报", "维保信息上报", "维保人员上报", "电梯信息上报", "维保公司数据查询", "电梯档案管理", "维保公司信息",
                         "维保人员信息", "修改密码", "反馈", "关于", "退出", "新乡市电梯维保单位监管系统"] {
                #expect(home.contains(item), "missing \(item)")
            }
            #expect(!home.contains("监管人员账号"))
        }
    }

    @Test("unknown pages get the error page")
    func notFound() async throws {
        try await TestApp.run { app, _ in
            let page = try await TestClient(app).get("/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.contains("页面不存在"))
        }
    }
}

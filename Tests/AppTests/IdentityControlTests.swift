@testable import App
import Fluent
import Foundation
import SecondFactor
import Testing
import Vapor

/// 等保 level 3 identity controls: the TOTP second factor with recovery codes, the password policy
/// (expiry, no reuse, temporary passwords replaced at first login), and the security administrator's
/// 解锁 and 重置两步验证.
@Suite("Second factor, password policy and the security administrator")
struct IdentityControlTests {
    static let password = "Reg#2026pass"

    /// The Base32 secret shown on the enrolment page.
    static func secret(in page: TestClient.Page) throws -> [UInt8] {
        let marker = #"id="totp-secret">"#
        let start = try #require(page.body.range(of: marker)).upperBound
        let text = page.body[start...].prefix { $0 != "<" }.replacingOccurrences(of: " ", with: "")
        return try #require(Base32.decode(text))
    }

    static func recoveryCodes(in page: TestClient.Page) -> [String] {
        page.body.components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// Enrols the logged-in client; returns the secret and the recovery codes.
    static func enrol(_ client: TestClient, _ clock: ManualClock) async throws -> (secret: [UInt8], codes: [String]) {
        let page = try await client.get(SiteURL.secondFactor.path)
        #expect(page.status == .ok && page.contains("data:image/svg+xml;base64,"))
        let secret = try secret(in: page)
        let done = try await client.post(SiteURL.secondFactor.path, ["code": TOTP(secret: secret).code(at: clock.now())])
        #expect(done.status == .ok)
        let codes = recoveryCodes(in: done)
        #expect(codes.count == RecoveryCodes.defaultCount)
        return (secret, codes)
    }

    /// Password, then the second step with `code`: the page the second step answers.
    static func logIn(_ client: TestClient, _ username: String, code: String) async throws -> TestClient.Page {
        let first = try await client.logIn(username, password)
        #expect(first.status == .seeOther && first.location == SiteURL.loginVerify.path)
        #expect(try await client.get(SiteURL.loginVerify.path).status == .ok)
        return try await client.post(SiteURL.loginVerify.path, ["code": code])
    }

    @Test("enrolment by QR code and a code from the app; then the password alone logs nobody in; a code works once")
    func enrolAndLogIn() async throws {
        try await TestApp.run { app, clock in
            let regulator = try await Fixtures.regulatorClient(app)
            let (secret, codes) = try await Self.enrol(regulator, clock)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "zzjg").first())
            #expect(user.totpEnabledAt != nil && user.totpSecret == Base32.encode(secret))
            #expect(try await RecoveryCode.query(on: app.db).filter(\.$userID == user.requireID()).count() == codes.count)

            clock.advance(by: 60)
            let client = TestClient(app)
            let totp = TOTP(secret: secret)
            _ = try await client.logIn("zzjg", Self.password)
            // Between the two steps nothing is open.
            #expect(try await client.get(SiteURL.home.path).location == SiteURL.login.path)
            let wrong = try await client.post(SiteURL.loginVerify.path, ["code": "000000" == totp.code(at: clock.now()) ? "111111" : "000000"])
            #expect(wrong.status == .unauthorized && wrong.contains("动态验证码错误"))
            let right = try await client.post(SiteURL.loginVerify.path, ["code": totp.code(at: clock.now())])
            #expect(right.status == .seeOther && right.location == SiteURL.home.path)
            #expect(try await client.get(SiteURL.home.path).status == .ok)

            // The same code again (within its 30 s) is refused: replay.
            let replay = try await Self.logIn(TestClient(app), "zzjg", code: totp.code(at: clock.now()))
            #expect(replay.status == .unauthorized)

            // A recovery code logs in once.
            let recovered = try await Self.logIn(TestClient(app), "zzjg", code: codes[0].lowercased())
            #expect(recovered.status == .seeOther && recovered.location == SiteURL.home.path)
            let again = try await Self.logIn(TestClient(app), "zzjg", code: codes[0])
            #expect(again.status == .unauthorized)

            let entries = try await AuditEntry.query(on: app.db).filter(\.$username == "zzjg").all()
            #expect(entries.contains { $0.action == .secondFactorEnrolled })
            #expect(entries.contains { $0.action == .loginSucceeded && $0.detail == "密码＋动态验证码" })
            #expect(entries.contains { $0.action == .loginSucceeded && $0.detail.hasPrefix("密码＋恢复码") })
            #expect(entries.filter { $0.action == .loginFailed && $0.detail == "动态验证码错误" }.count == 3)
        }
    }

    @Test("one code sent from 20 sessions at once logs in one of them")
    func parallelCodes() async throws {
        try await TestApp.run { app, clock in
            let (secret, _) = try await Self.enrol(try await Fixtures.regulatorClient(app), clock)
            clock.advance(by: 60)
            var clients: [TestClient] = []
            for _ in 0..<20 {
                let client = TestClient(app)
                _ = try await client.logIn("zzjg", Self.password)
                clients.append(client)
            }
            let code = TOTP(secret: secret).code(at: clock.now())
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for client in clients { group.addTask { try await client.post(SiteURL.loginVerify.path, ["code": code]).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
        }
    }

    @Test("wrong codes are limited per account: after 5 even the right code waits")
    func wrongCodesLimited() async throws {
        try await TestApp.run { app, clock in
            let (secret, _) = try await Self.enrol(try await Fixtures.regulatorClient(app), clock)
            clock.advance(by: 60)
            let client = TestClient(app)
            _ = try await client.logIn("zzjg", Self.password)
            let right = TOTP(secret: secret).code(at: clock.now())
            let wrong = right == "123456" ? "654321" : "123456"
            for _ in 0..<5 { #expect(try await client.post(SiteURL.loginVerify.path, ["code": wrong]).status == .unauthorized) }
            let refused = try await client.post(SiteURL.loginVerify.path, ["code": right])
            #expect(refused.status == .unauthorized && refused.contains("次数过多"))
            clock.advance(by: 16 * 60)
            let later = try await Self.logIn(client, "zzjg", code: TOTP(secret: secret).code(at: clock.now()))
            #expect(later.status == .seeOther && later.location == SiteURL.home.path)
        }
    }

    @Test("a role that requires the second factor is held on 两步验证 until enrolled")
    func requiredEnrolment() async throws {
        try await TestApp.run(adjust: { $0.secondFactorRoles = [.admin] }) { app, clock in
            let admin = try await ArchiveTests.adminClient(app)
            for path in [SiteURL.home.path, SiteURL.adminUsers.path, SiteURL.archive(.company, .list).path] {
                #expect(try await admin.get(path).location == SiteURL.secondFactor.path)
            }
            #expect(try await admin.post(SiteURL.adminUserNew.path, [:]).location == SiteURL.secondFactor.path)
            // A regulator is not required to.
            #expect(try await Fixtures.regulatorClient(app).get(SiteURL.home.path).status == .ok)
            _ = try await Self.enrol(admin, clock)
            #expect(try await admin.get(SiteURL.adminUsers.path).status == .ok)
        }
    }

    @Test("LIFTWATCH_REQUIRE_TOTP: the three administrators by default, a list of roles, none; a wrong role stops the start")
    func configuration() throws {
        let base = ["DATABASE_URL": "sqlite:///tmp/x.sqlite"]
        #expect(try AppConfig.load(from: base, workingDirectory: "/tmp").secondFactorRoles == [.admin, .security, .auditor])
        #expect(try AppConfig.load(from: base.merging(["LIFTWATCH_REQUIRE_TOTP": "admin, regulator"]) { $1 }, workingDirectory: "/tmp")
            .secondFactorRoles == [.admin, .regulator])
        #expect(try AppConfig.load(from: base.merging(["LIFTWATCH_REQUIRE_TOTP": "none"]) { $1 }, workingDirectory: "/tmp")
            .secondFactorRoles.isEmpty)
        #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.load(from: base.merging(["LIFTWATCH_REQUIRE_TOTP": "root"]) { $1 }, workingDirectory: "/tmp")
        }
        #expect(try AppConfig.load(from: base, workingDirectory: "/tmp").passwordMaxAgeDays == 90)
        #expect(try AppConfig.load(from: base.merging(["LIFTWATCH_PASSWORD_MAX_AGE_DAYS": "0"]) { $1 }, workingDirectory: "/tmp")
            .passwordMaxAgeDays == nil)
    }

    // MARK: Password policy

    @Test("a password older than the maximum age must be changed at login before anything else")
    func passwordExpiry() async throws {
        try await TestApp.run(adjust: { $0.passwordMaxAgeDays = 90 }) { app, clock in
            _ = try await Fixtures.regulatorClient(app)
            clock.advance(by: 91 * 86_400)
            let client = TestClient(app)
            _ = try await client.logIn("zzjg", Self.password)
            let held = try await client.get(SiteURL.home.path)
            #expect(held.location == SiteURL.changePassword.path)
            #expect(try await client.follow(held).contains("您的密码已使用超过90天"))
            let changed = try await client.post(SiteURL.changePassword.path, [
                "old_password": Self.password, "new_password": "New#2026pass", "new_password_confirm": "New#2026pass"])
            #expect(changed.location == SiteURL.home.path)
            #expect(try await client.get(SiteURL.home.path).status == .ok)
        }
    }

    @Test("a new password may not repeat the current one or the last five")
    func noReuse() async throws {
        try await TestApp.run { app, clock in
            let client = try await Fixtures.regulatorClient(app)
            func change(_ old: String, _ new: String) async throws -> TestClient.Page {
                try await client.post(SiteURL.changePassword.path, ["old_password": old, "new_password": new, "new_password_confirm": new])
            }
            var current = Self.password
            for n in 1...5 {
                clock.advance(by: 60)
                let next = "Pw#2026pass\(n)"
                #expect(try await change(current, next).status == .seeOther)
                current = next
            }
            // Each of the last five is refused (the current one with its own message); the original, sixth back, is allowed again.
            for old in ["Pw#2026pass1", "Pw#2026pass3"] {
                let refused = try await change(current, old)
                #expect(refused.status == .unprocessableEntity && refused.contains(PasswordKeeper.reuseMessage))
            }
            #expect(try await change(current, Self.password).status == .seeOther)
        }
    }

    @Test("a temporary password (an account the administrator created, a reset) must be replaced at first login; so must the printed first admin's")
    func temporaryPasswords() async throws {
        try await TestApp.run { app, _ in
            let admin = try await ArchiveTests.adminClient(app)
            _ = try await admin.get(SiteURL.adminUserNew.path)
            let created = try await admin.post(SiteURL.adminUserNew.path, [
                "username": "xxjg9", "display_name": "王监管", "role": "regulator", "region_code": "410700", "password": "Tmp#2026pass"])
            #expect(created.status == .seeOther)
            // The audit entry names the region as people read it, with its code.
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == .accountCreated)
                .filter(\.$username == "xxjg9").first())
            #expect(entry.detail == "监管人员，管辖区域 河南省新乡市（410700）")
            let regulator = TestClient(app)
            _ = try await regulator.logIn("xxjg9", "Tmp#2026pass")
            let held = try await regulator.get(SiteURL.archive(.elevator, .list).path)
            #expect(held.location == SiteURL.changePassword.path)
            #expect(try await regulator.follow(held).contains("您正在使用临时密码"))
            #expect(try await regulator.post(SiteURL.changePassword.path, [
                "old_password": "Tmp#2026pass", "new_password": "Own#2026pass", "new_password_confirm": "Own#2026pass"]).status == .seeOther)
            #expect(try await regulator.get(SiteURL.archive(.elevator, .list).path).status == .ok)

            // A reset hands out a temporary password too.
            let target = try #require(try await User.query(on: app.db).filter(\.$username == "xxjg9").first())
            _ = try await admin.post(SiteURL.adminUserResetPassword(target.id).path, [:])
            #expect(try #require(try await User.find(target.id, on: app.db)).passwordMustChange)
        }
        // The first start's admin: a printed (random) password must be replaced; one the operator configured need not.
        try await TestApp.run { app, _ in
            try await InitialAdmin.ensure(on: app)
            #expect(try #require(try await User.query(on: app.db).filter(\.$username == "admin").first()).passwordMustChange)
        }
        try await TestApp.run(adjust: { $0.initialAdminPassword = "Set#2026pass" }) { app, _ in
            try await InitialAdmin.ensure(on: app)
            #expect(try #require(try await User.query(on: app.db).filter(\.$username == "admin").first()).passwordMustChange == false)
        }
    }

    // MARK: The security administrator

    @Test("解锁 ends an account's lock; 重置两步验证 ends an enrolment; both audited; not one's own; nobody else may")
    func securityAdministrator() async throws {
        try await TestApp.run { app, clock in
            let security = try await AuthorizationTableTests.client(app, "secadm", role: .security)
            let (_, _) = try await Self.enrol(try await Fixtures.regulatorClient(app), clock)
            let regulator = try #require(try await User.query(on: app.db).filter(\.$username == "zzjg").first())

            // A company locked out from one address.
            _ = try await Fixtures.register(app, Fixtures.kaixuan())
            let attacker = TestClient(app)
            for _ in 0..<5 { _ = try await attacker.logIn("kxwbgs", "Wrong#2026pass") }
            let company = try #require(try await User.query(on: app.db).filter(\.$username == "kxwbgs").first())
            #expect(try await LoginService.isLocked(try company.requireID(), on: app.db, now: clock.now()))

            let list = try await security.get(SiteURL.securityAccounts.path)
            #expect(list.status == .ok && list.contains("账号安全") && list.contains("锁定") && list.contains("已启用"))
            #expect(list.contains("须两步验证的角色"))
            _ = try await security.post(SiteURL.securityUnlock(company.id).path, [:])
            #expect(try await !LoginService.isLocked(try company.requireID(), on: app.db, now: clock.now()))
            #expect(try await attacker.logIn("kxwbgs", Fixtures.password).location == SiteURL.home.path)

            let reset = try await security.post(SiteURL.securityResetSecondFactor(regulator.id).path, [:])
            #expect(reset.status == .seeOther)
            let after = try #require(try await User.find(regulator.id, on: app.db))
            #expect(after.totpEnabledAt == nil && after.totpSecret == nil)
            #expect(try await RecoveryCode.query(on: app.db).filter(\.$userID == after.requireID()).count() == 0)
            #expect(try await TestClient(app).logIn("zzjg", Self.password).location == SiteURL.home.path)

            let secUser = try #require(try await User.query(on: app.db).filter(\.$username == "secadm").first())
            let entries = try await AuditEntry.query(on: app.db).filter(\.$actorID == secUser.requireID()).all()
            #expect(Set(entries.map(\.action)) == [.accountUnlocked, .secondFactorReset])

            // Its own enrolment: refused.
            _ = try await Self.enrol(security, clock)
            #expect(try await security.post(SiteURL.securityResetSecondFactor(secUser.id).path, [:]).status == .forbidden)
            // The system administrator cannot do the security administrator's job.
            let admin = try await ArchiveTests.adminClient(app)
            #expect(try await admin.post(SiteURL.securityResetSecondFactor(secUser.id).path, [:]).status == .forbidden)
        }
    }
}

@Suite("Sessions end when the password is set again")
struct CredentialSessionTests {
    @Test("a change keeps the changing session and ends the account's others; a reset by an administrator ends them all")
    func sessionsEnd() async throws {
        try await TestApp.run { app, clock in
            let first = try await Fixtures.regulatorClient(app)
            let second = TestClient(app)
            _ = try await second.logIn("zzjg", IdentityControlTests.password)
            #expect(try await second.get(SiteURL.home.path).status == .ok)

            clock.advance(by: 5)
            _ = try await first.get(SiteURL.changePassword.path)
            let changed = try await first.post(SiteURL.changePassword.path, [
                "old_password": IdentityControlTests.password, "new_password": "New#2026pass", "new_password_confirm": "New#2026pass"])
            #expect(changed.status == .seeOther)
            #expect(try await first.get(SiteURL.home.path).status == .ok)
            #expect(try await second.get(SiteURL.home.path).location == SiteURL.login.path)

            clock.advance(by: 5)
            let admin = try await ArchiveTests.adminClient(app)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "zzjg").first())
            _ = try await admin.post(SiteURL.adminUserResetPassword(user.id).path, [:])
            #expect(try await first.get(SiteURL.home.path).location == SiteURL.login.path)
        }
    }
}

@Suite("The security and audit administrators' 工作台")
struct AdministratorHomeTests {
    @Test("the security administrator's card counts locked accounts and leads to 账号安全; the auditor's counts failed logins and leads to them in the log")
    func cards() async throws {
        try await TestApp.run { app, _ in
            _ = try await Fixtures.register(app, Fixtures.kaixuan())
            let attacker = TestClient(app)
            for _ in 0..<5 { _ = try await attacker.logIn("kxwbgs", "Wrong#2026pass") }

            let security = try await AuthorizationTableTests.client(app, "secadm", role: .security)
            let home = try await security.get(SiteURL.home.path)
            #expect(home.contains("锁定中的账号") && home.contains("href=\"\(SiteURL.securityAccounts.path)\""))

            let auditor = try await AuthorizationTableTests.client(app, "audadm", role: .auditor)
            let page = try await auditor.get(SiteURL.home.path)
            let marker = "href=\"" + SiteURL.adminAudit.path + "?action=login_failed&amp;from="
            #expect(page.contains("24小时内登录失败") && page.contains(marker))
            let start = try #require(page.body.range(of: marker)).lowerBound
            let href = page.body[start...].dropFirst("href=\"".count).prefix { $0 != "\"" }.replacingOccurrences(of: "&amp;", with: "&")
            let log = try await auditor.get(href)
            #expect(log.status == .ok && log.contains("登录失败") && !log.contains("<td>登录成功</td>"))
        }
    }
}

@testable import App
import Fluent
import Foundation
import Testing
import Vapor

/// The attacks of the outside security test, each reproduced: every test here failed on the build
/// that test examined and passes now.
@Suite("Attacks from the outside security test")
struct AttackTests {
    typealias Archive = ArchiveTests

    // MARK: Limits claimed atomically

    @Test("60 parallel guesses at a password-reset code: at most 5 are compared, and the right code is then refused")
    func parallelResetGuesses() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let outbox = try await Self.requestCode(app)
            let code = try #require(outbox)
            let wrong = code == "000000" ? "111111" : "000000"
            let service = PasswordRecoveryService(db: app.db, notifier: app.notifier, logger: app.logger,
                                                  audit: AuditLog(db: app.db, now: app.clock.now(), address: "198.51.100.7"))
            let outcomes = try await withThrowingTaskGroup(of: PasswordRecoveryService.ResetOutcome.self) { group in
                for _ in 0..<60 {
                    group.addTask { try await service.reset(username: "kxwbgs", code: wrong, newPassword: "New#2026pass", hasher: app.password) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let compared = outcomes.filter { if case .wrongCode(let m) = $0 { m.contains("还可尝试") } else { false } }
            #expect(compared.count == 4, "the 1st–4th compared guesses say how many are left; the 5th says none")
            let row = try #require(try await PasswordResetCode.query(on: app.db).first())
            #expect(row.attempts == PasswordRecoveryService.maxAttempts)
            let right = try await service.reset(username: "kxwbgs", code: code, newPassword: "New#2026pass", hasher: app.password)
            #expect(right == .wrongCode("验证码错误次数过多，请重新获取"))
            #expect(try await TestClient(app).logIn("kxwbgs", Fixtures.password).status == .seeOther, "the password is unchanged")
        }
    }

    @Test("the right reset code sent twice at once sets the password once")
    func resetCodeUsedOnce() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let code = try #require(try await Self.requestCode(app))
            let service = PasswordRecoveryService(db: app.db, notifier: app.notifier, logger: app.logger,
                                                  audit: AuditLog(db: app.db, now: app.clock.now(), address: "198.51.100.7"))
            let outcomes = try await withThrowingTaskGroup(of: PasswordRecoveryService.ResetOutcome.self) { group in
                for password in ["First#2026pass", "Second#2026pass", "Third#2026pass"] {
                    group.addTask { try await service.reset(username: "kxwbgs", code: code, newPassword: password, hasher: app.password) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .done }.count == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .passwordReset).count() == 1)
        }
    }

    @Test("80 parallel failed logins from one address: exactly 30 are evaluated")
    func parallelLoginFailures() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let login = LoginService(db: app.db, hasher: app.password, audit: AuditLog(db: app.db, now: app.clock.now(), address: "203.0.113.9"))
            let outcomes = try await withThrowingTaskGroup(of: Result<User, LoginService.Failure>.self) { group in
                for i in 0..<80 {
                    group.addTask { try await login.attempt(username: "nobody\(i)", password: "Wrong#2026pass", captchaPassed: true) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { if case .failure(.throttled) = $0 { true } else { false } }.count == 50)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$detail == "用户不存在").count() == 30)
        }
    }

    @Test("parallel wrong passwords for one account: 5 are evaluated, then it is locked from that address only")
    func lockPerAddress() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.register(app, Fixtures.kaixuan())
            func service(_ address: String) -> LoginService {
                LoginService(db: app.db, hasher: app.password, audit: AuditLog(db: app.db, now: clock.now(), address: address))
            }
            let attacker = service("203.0.113.66")
            let outcomes = try await withThrowingTaskGroup(of: Result<User, LoginService.Failure>.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await attacker.attempt(username: "kxwbgs", password: "Wrong#2026pass", captchaPassed: true) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$detail == "密码错误").count() == 5)
            #expect(outcomes.count == 20)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .accountLocked).count() == 1)
            // The attacker's address cannot try again, not even with the right password …
            let locked = try await attacker.attempt(username: "kxwbgs", password: Fixtures.password, captchaPassed: true)
            guard case .failure(.rejected(let message)) = locked else { Issue.record("not locked: \(locked)"); return }
            #expect(message.contains("账号已锁定"))
            // … while the company, from its own office, logs in as usual.
            let owner = try await service("198.51.100.20").attempt(username: "kxwbgs", password: Fixtures.password, captchaPassed: true)
            #expect((try? owner.get()) != nil)
            // The account list shows the lock; a password reset by a regulator ends it.
            let userID = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "kxwbgs").first()?.id)
            #expect(try await LoginService.isLocked(userID, on: app.db, now: clock.now()))
            clock.advance(by: 15 * 60 + 1)
            #expect(try await !LoginService.isLocked(userID, on: app.db, now: clock.now()))
        }
    }

    @Test("100 parallel public lookups from one address: exactly 30 are answered")
    func parallelPublicLookups() async throws {
        try await TestApp.run { app, _ in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await TestClient(app).get(SiteURL.publicLookup.path + "?code=31104114002013100").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .notFound }.count == 30, "30 answered (no such elevator)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 70)
        }
    }

    // MARK: Registration

    @Test("企业注册 needs the image captcha: a wrong one is told beside the field, the input is kept, nothing is stored")
    func registrationCaptcha() async throws {
        try await TestApp.run { app, _ in
            let page = try await Fixtures.register(app, Fixtures.kaixuan(["captcha": "0000"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(#"id="f-captcha-error""#) && page.contains("验证码错误"))
            #expect(page.contains("凯旋电梯维保有限公司"))
            #expect(try await Company.query(on: app.db).count() == 0)
            #expect(try await User.query(on: app.db).filter(\.$role == .company).count() == 0)
            // The form without a captcha at all is refused the same way.
            var form = Fixtures.kaixuan()
            form["captcha"] = nil
            #expect(try await Fixtures.register(app, form).status == .unprocessableEntity)
            #expect(try await Company.query(on: app.db).count() == 0)
        }
    }

    @Test("registrations from one address are limited per hour, also when sent at once")
    func registrationLimit() async throws {
        try await TestApp.run(adjust: { $0.registrationsPerHour = 3 }) { app, clock in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        try await Fixtures.register(app, Fixtures.kaixuan([
                            "username": "flood\(i)", "name": "灌水电梯\(i)有限公司", "certificate_no": "TS33\(10 + i)A12-2011",
                        ])).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 3)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 9)
            #expect(try await Company.query(on: app.db).count() == 3)
            clock.advance(by: 3600 + 1)
            #expect(try await Fixtures.register(app, Fixtures.kaixuan()).status == .seeOther)
        }
    }

    // MARK: Jurisdiction follows approved data

    @Test("a company that saves another 行政区划 without review stays with its regulator; approval moves it")
    func jurisdictionFollowsApproval() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let zhengzhou = try await Fixtures.regulatorClient(app, region: "410100")
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            try await Archive.approvedCompany(app, company, zhengzhou)
            let staff = try await Archive.approvedStaff(app, company, zhengzhou, StaffRegisterTests.majinlei())
            let companyID = try #require(try await Company.query(on: app.db).first()?.id)

            // Saved, not submitted: a move to 新乡市红旗区.
            try await company.get(SiteURL.companyFilingEdit.path)
            let saved = try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo(["region_code": "410702"]))
            #expect(saved.status == .seeOther)

            for path in [SiteURL.companyDetail(companyID).path] {
                #expect(try await zhengzhou.get(path).status == .ok)
                #expect(try await xinxiang.get(path).status == .notFound)
            }
            #expect(try await zhengzhou.get(SiteURL.companies.path).contains("凯旋电梯维保有限公司"))
            #expect(try await !xinxiang.get(SiteURL.companies.path).contains("凯旋电梯维保有限公司"))
            try await xinxiang.get(SiteURL.companies.path)
            #expect(try await xinxiang.post(SiteURL.companyResetPassword(companyID).path, [:]).status == .notFound)
            #expect(try await xinxiang.get(SiteURL.archive(.staff, .view(staff.filing)).path).status == .notFound)
            #expect(try await zhengzhou.get(SiteURL.archive(.staff, .view(staff.filing)).path).status == .ok)
            #expect(try await Filing.find(staff.filing, on: app.db)?.regionCode == "410181")

            // Submitted, it is reviewed by the regulator it answers to; approved, it moves with its staff.
            try await company.get(SiteURL.companyFiling.path)
            try await company.post(SiteURL.companyFilingSubmit.path, [:])
            #expect(try await zhengzhou.get(SiteURL.reviewQueue.path).contains("凯旋电梯维保有限公司"))
            #expect(try await !xinxiang.get(SiteURL.reviewQueue.path).contains("凯旋电梯维保有限公司"))
            try await Archive.approve(app, zhengzhou, try await Fixtures.companyFiling(app).requireID())
            #expect(try await xinxiang.get(SiteURL.companyDetail(companyID).path).status == .ok)
            #expect(try await zhengzhou.get(SiteURL.companyDetail(companyID).path).status == .notFound)
            #expect(try await Filing.find(staff.filing, on: app.db)?.regionCode == "410702")
            #expect(try await ArchivedStaff.find(staff.filing, on: app.db)?.regionCode == "410702")
        }
    }

    // MARK: Bulk approval

    @Test("批量通过 with one record outside the region approves nothing")
    func bulkApprovalAllOrNothing() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.fileCompany(try await Fixtures.companyClient(app))
            let second = try await ElevatorRegisterTests.hongqiClient(app)
            try await Fixtures.fileCompany(second, ArchiveTests.hongqiInfo())
            let zhengzhou = try await Fixtures.regulatorClient(app, region: "410100")
            let own = try await Fixtures.companyFiling(app)
            let foreign = try await Fixtures.companyFiling(app, name: "红旗电梯工程有限公司")
            try await zhengzhou.get(SiteURL.reviewQueue.path)
            let outside = try await zhengzhou.post(SiteURL.reviewBulkApprove.path, [
                "ids[0]": "\(try own.requireID().uuidString):\(own.revision)",
                "ids[1]": "\(try foreign.requireID().uuidString):\(foreign.revision)",
            ])
            #expect(outside.status == .notFound)
            #expect(try await Filing.query(on: app.db).filter(\.$reviewStatus == .approved).count() == 0)
            #expect(try await FilingVersion.query(on: app.db).count() == 0)

            // One of two decided meanwhile (a stale revision): nothing is approved either.
            let province = try await Fixtures.regulatorClient(app, region: "410000", username: "hnsj")
            try await province.get(SiteURL.reviewQueue.path)
            let stale = try await province.follow(try await province.post(SiteURL.reviewBulkApprove.path, [
                "ids[0]": "\(try own.requireID().uuidString):\(own.revision)",
                "ids[1]": "\(try foreign.requireID().uuidString):\(foreign.revision - 1)",
            ]))
            #expect(stale.contains("未审核通过任何记录"))
            #expect(try await Filing.query(on: app.db).filter(\.$reviewStatus == .approved).count() == 0)
            #expect(try await FilingEvent.query(on: app.db).filter(\.$action == .approve).count() == 0)
        }
    }

    // MARK: What is shown

    @Test("an administrator sees 身份证号 masked on the review page, 查看 and in history; the regulator in full")
    func idNumbersMasked() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            try await Archive.approvedCompany(app, company, regulator)
            let ids = try await Archive.addStaff(app, company, StaffRegisterTests.majinlei())
            try await Archive.staffAction(company, .submit, [ids.record])
            let admin = try await Archive.adminClient(app)
            let full = "41142319820415212X", masked = "411423********212X"
            let review = try await admin.get(SiteURL.reviewDetail(ids.filing).path)
            #expect(review.status == .ok)
            #expect(review.contains(masked) && !review.contains(full))
            #expect(try await regulator.get(SiteURL.reviewDetail(ids.filing).path).contains(full))
            try await Archive.approve(app, regulator, ids.filing)
            try await company.get(SiteURL.staff(.list).path)
            try await Archive.editStaff(company, ids.record, StaffRegisterTests.majinlei(["phone": "13663017328"]))
            for path in [SiteURL.archive(.staff, .view(ids.filing)).path,
                         SiteURL.archive(.staff, .history(ids.filing)).path] {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.contains(full), "\(path) shows the full number to an admin")
            }
        }
    }

    @Test("staff 预检 with another company's people does not say which company employs them")
    func importDoesNotNameTheEmployer() async throws {
        try await TestApp.run { app, _ in
            let first = try await Fixtures.companyClient(app)
            try await StaffImportTests.importFile(first, "人员.xlsx", try StaffImportTests.fixture("staff_good_openpyxl.xlsx"))
            #expect(try await StaffMember.query(on: app.db).count() > 0)
            let second = try await ElevatorRegisterTests.hongqiClient(app)
            let page = try await StaffImportTests.importFile(second, "人员.xlsx", try StaffImportTests.fixture("staff_good_openpyxl.xlsx"),
                                                             dryRun: true)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(StaffValidator.heldByOther))
            #expect(!page.contains("凯旋"))
        }
    }

    @Test("control characters and direction overrides never reach the database")
    func controlCharactersStripped() async throws {
        try await TestApp.run { app, _ in
            let hostile = "凯旋\u{0}电梯\u{7}维保\u{1B}有限\u{202E}公司"
            let page = try await Fixtures.register(app, Fixtures.kaixuan(["name": hostile, "address": "郑州市\u{202E}高新区\u{0}雪峰路26号"]))
            #expect(page.status == .seeOther)
            let company = try #require(try await Company.query(on: app.db).first())
            #expect(company.name == "凯旋电梯维保有限公司")
            #expect(company.address == "郑州市高新区雪峰路26号")
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            try await client.get(SiteURL.feedback.path)
            try await client.post(SiteURL.feedback.path, ["body": "第一行\r\n第二行\u{202E}\u{0}"])
            let feedback = try #require(try await Feedback.query(on: app.db).first())
            #expect(feedback.body == "第一行\n第二行")
            // A user name typed at the login form goes to the audit log without them.
            try await TestClient(app).logIn("evil\u{1B}]0;\u{7}name\u{202E}", "Wrong#2026pass")
            let failure = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == .loginFailed).first())
            #expect(failure.username == "evil]0;name")
        }
    }

    @Test("every page carries the protective headers; HSTS when served over HTTPS")
    func protectiveHeaders() async throws {
        try await TestApp.run { app, _ in
            for path in [SiteURL.login.path, "/css/app.css", "/no-such-page"] {
                let response = try await app.testing().sendRequest(.GET, path)
                if path != "/css/app.css" {
                    let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'self'"), "\(path)")
                    #expect(!csp.contains("unsafe-inline"))
                }
                #expect(response.headers.first(name: "X-Frame-Options") == "SAMEORIGIN")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil)
            }
        }
        try await TestApp.run(adjust: { $0.secureCookies = true }) { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.login.path)
            #expect(response.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
        }
    }

    @Test("no template runs inline script or sets inline styles (the policy forbids them)")
    func noInlineScript() throws {
        let views = URL(fileURLWithPath: TestDatabase.packageRoot + "/Resources/Views")
        let files = try #require(FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil))
        let inline = try Regex(#"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:|\sstyle\s*="#)
        var checked = 0
        for case let url as URL in files where url.pathExtension == "leaf" {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.firstMatch(of: inline) == nil, "\(url.lastPathComponent)")
            checked += 1
        }
        #expect(checked > 20)
    }

    // MARK: Helpers

    /// Asks for a reset code as the company's manager; the code sent.
    static func requestCode(_ app: Application) async throws -> String? {
        let service = PasswordRecoveryService(db: app.db, notifier: app.notifier, logger: app.logger,
                                              audit: AuditLog(db: app.db, now: app.clock.now(), address: "198.51.100.7"))
        #expect(try await service.requestCode(username: "kxwbgs", phone: "13733877795") == .sent)
        let message = try await OutboxMessage.query(on: app.db).sort(\.$createdAt, .descending).first()
        return message.flatMap { $0.body.firstMatch(of: /验证码(\d{6})/).map { String($0.1) } }
    }
}

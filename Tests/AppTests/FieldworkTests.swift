@testable import App
import Fluent
import Foundation
import Supervision
import Testing
import Vapor

/// 维保签到 (issue 15): worker accounts, the code in the car, check-in and check-out, and who sees the visits.
@Suite("维保签到: worker accounts, safety codes, visits")
struct FieldworkTests {
    typealias Archive = ArchiveTests
    typealias Upkeep = MaintenanceTests
    static let workerPassword = "Wkr#2026pass"
    /// 巩义市 (the elevator's town), and a place 5 km east of it.
    static let onSite = ["latitude": "34.75210", "longitude": "113.02210", "accuracy": "12", "device_time": "1789999999000"]

    /// Turns on the login of the company's approved staff filing and sets its password the way the worker
    /// does: a code sent to the worker's own phone (read from the outbox), typed into 找回密码.
    static func worker(_ app: Application, _ company: TestClient, staff: (record: UUID, filing: UUID), phone: String) async throws -> TestClient {
        let enabled = try await Self.accounts(company, enable: true, [staff.record])
        #expect(enabled.contains("已开通作业账号"))
        let client = TestClient(app)
        try await client.get(SiteURL.forgotPassword.path)
        try await client.get(SiteURL.captcha.path)
        let asked = try await client.post(SiteURL.forgotPassword.path, ["username": "w" + phone, "phone": phone, "captcha": TestApp.captcha])
        #expect(asked.status == .seeOther, "recovery refused: \(asked.body.count)")
        let code = try await lastCode(app, to: phone)
        try await client.get(SiteURL.resetPassword.path)
        let reset = try await client.post(SiteURL.resetPassword.path, [
            "username": "w" + phone, "code": code, "new_password": workerPassword, "new_password_confirm": workerPassword])
        #expect(reset.status == .seeOther)
        #expect(try await client.logIn("w" + phone, workerPassword).status == .seeOther)
        return client
    }

    /// The logged-in phone of the world's approved staff member filed as `filing`.
    static func worker(_ app: Application, _ world: Upkeep.World, _ filing: UUID) async throws -> TestClient {
        let staff = try #require(try await ArchivedStaff.find(filing, on: app.db))
        let record = try #require(try await Filing.find(filing, on: app.db)?.recordID)
        return try await worker(app, world.company, staff: (record, filing), phone: staff.phone)
    }

    /// 开通作业账号 / 停用作业账号 on the staff register's selection, followed to the list.
    @discardableResult
    static func accounts(_ company: TestClient, enable: Bool, _ ids: [UUID]) async throws -> TestClient.Page {
        try await company.get(SiteURL.staff(.list).path)
        var form: [String: String] = [:]
        for (i, id) in ids.enumerated() { form["ids[\(i)]"] = id.uuidString }
        let page = try await company.post((enable ? SiteURL.staffAccountsEnable : .staffAccountsDisable).path, form)
        return page.status == .seeOther ? try await company.follow(page) : page
    }

    static func code(_ app: Application, _ elevator: UUID) async throws -> ElevatorSafetyCode {
        try #require(try await ElevatorSafetyCode.current(for: [elevator], now: app.clock.now(), on: app.db)[elevator])
    }

    /// 牛星 and 李文 logged in on their phones and checked in at the world's elevator: their clients and the visit.
    static func crewOnSite(_ app: Application, _ world: Upkeep.World) async throws -> (TestClient, TestClient, visit: UUID) {
        let w0 = try await worker(app, world, world.niuxing)
        let w1 = try await worker(app, world, world.liwen)
        let safety = try await code(app, world.elevator.filing)
        try await checkIn(w0, world.elevator.filing, token: safety.token)
        try await checkIn(w1, world.elevator.filing, token: safety.token)
        return (w0, w1, try #require(try await SiteVisit.query(on: app.db).filter(\.$status == .open).first()?.id))
    }

    /// The newest verification code the SMS gateway (the outbox) sent to `phone`.
    static func lastCode(_ app: Application, to phone: String) async throws -> String {
        let messages = try await OutboxMessage.query(on: app.db).filter(\.$recipient == phone).sort(\.$createdAt).all()
        return try #require(messages.compactMap { $0.body.firstMatch(of: /验证码(\d{6})/).map { String($0.1) } }.last)
    }

    /// Scans the sticker and presses 签到 on the page it opens.
    @discardableResult
    static func checkIn(_ client: TestClient, _ elevator: UUID, token: String, place: [String: String] = onSite) async throws -> TestClient.Page {
        let scanned = try await client.get(SiteURL.safetyCodeScan(elevator, token).path)
        let location = try #require(scanned.location)
        try await client.get(location)
        return try await client.post(SiteURL.workCheckIn(elevator).path, place.merging(["token": token]) { $1 })
    }

    @Test("a company turns on its approved worker's login; the worker sets a password by SMS and lands on 我的作业")
    func accounts() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let staff = try #require(try await ArchivedStaff.find(world.niuxing, on: app.db))
            let record = try #require(try await Filing.find(world.niuxing, on: app.db)?.recordID)
            let worker = try await Self.worker(app, world.company, staff: (record, world.niuxing), phone: staff.phone)
            let sms = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == staff.phone).sort(\.$createdAt).first())
            #expect(sms.body.contains("用户名w13663017321"))
            let home = try await worker.get(SiteURL.home.path)
            #expect(home.status == .seeOther && home.location == SiteURL.work.path)
            let work = try await worker.get(SiteURL.work.path)
            #expect(work.status == .ok && work.contains("牛星") && work.contains("凯旋电梯维保有限公司"))
            // Nothing of the registers.
            #expect(try await worker.get(SiteURL.staff(.list).path).status == .forbidden)
            #expect(try await worker.get(SiteURL.archive(.elevator, .list).path).status == .forbidden)
            let list = try await world.company.get(SiteURL.staff(.list).path)
            #expect(list.contains("w13663017321"))

            // A draft worker cannot get a login; enabling twice creates one account.
            let draft = try await Archive.addStaff(app, world.company, ["name": "赵六", "job_type": "维保人员", "id_number": "410105199001011233",
                                                                          "certificate_no": "TS-0009", "certificate_issued": "2024-01-01",
                                                                          "certificate_expires": "2028-01-01", "phone": "13663017329"])
            let refused = try await Self.accounts(world.company, enable: true, [draft.record])
            #expect(refused.contains("人员信息须经监管部门审核通过后才能开通作业账号"))
            try await Self.accounts(world.company, enable: true, [record])
            #expect(try await User.query(on: app.db).filter(\.$role == .worker).count() == 1)

            // Another company's staff id among the selection: not found, nothing done.
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            try await other.get(SiteURL.staff(.list).path)
            let foreign = try await other.post(SiteURL.staffAccountsDisable.path, ["ids[0]": record.uuidString])
            #expect(foreign.status == .notFound)

            // 停用: the worker's session ends; 开通 again brings the same account back.
            try await Self.accounts(world.company, enable: false, [record])
            #expect(try await worker.get(SiteURL.work.path).status == .seeOther)
            #expect(try await TestClient(app).logIn("w13663017321", Self.workerPassword).status != .seeOther)
            try await Self.accounts(world.company, enable: true, [record])
            #expect(try await TestClient(app).logIn("w13663017321", Self.workerPassword).status == .seeOther)
        }
    }

    @Test("two workers scan the code and check in to one visit; one checks out; the company and the region's regulator see it, no one else")
    func visit() async throws {
        try await TestApp.run(adjust: SupervisionTests.longSessions) { app, clock in
            let world = try await Upkeep.world(app)
            let w1 = try await Self.worker(app, world, world.niuxing)
            let w2 = try await Self.worker(app, world, world.liwen)
            let code = try await Self.code(app, world.elevator.filing)

            // Scanning without a login opens the public lookup of that elevator.
            let anonymous = try await TestClient(app).get(SiteURL.safetyCodeScan(world.elevator.filing, code.token).path)
            #expect(anonymous.location == SiteURL.publicLookup.path + "?code=" + ElevatorRegisterTests.code)

            let first = try await Self.checkIn(w1, world.elevator.filing, token: code.token)
            #expect(first.status == .seeOther)
            clock.advance(by: 120)
            try await Self.checkIn(w2, world.elevator.filing, token: code.token)
            try await Self.checkIn(w1, world.elevator.filing, token: code.token) // again: no second check-in
            let visits = try await SiteVisit.query(on: app.db).all()
            #expect(visits.count == 1)
            let visit = try #require(visits.first)
            let checks = try await VisitCheck.query(on: app.db).sort(\.$receivedAt).all()
            #expect(checks.map(\.workerName) == ["牛星", "李文"])
            #expect(checks.first?.latitude == 34.7521 && checks.first?.accuracy == 12 && checks.first?.method == .scan)
            #expect(checks.first?.deviceTime == Date(timeIntervalSince1970: 1_789_999_999))

            clock.advance(by: 45 * 60)
            let id = try visit.requireID()
            try await w2.get(SiteURL.visit(id).path)
            let out = try await w2.post(SiteURL.visitCheckOut(id).path, Self.onSite)
            #expect(out.status == .seeOther)
            let ended = try #require(try await SiteVisit.find(id, on: app.db))
            #expect(ended.status == .checkedOut && ended.minutesOnSite == 45)
            // A second check-out (the other worker, or the same twice) does not end it again.
            try await w1.get(SiteURL.visit(id).path)
            #expect(try await w1.post(SiteURL.visitCheckOut(id).path, Self.onSite).status == .seeOther)
            #expect(try await VisitCheck.query(on: app.db).filter(\.$kind == .checkOut).count() == 1)

            let page = try await world.company.get(SiteURL.visit(id).path)
            #expect(page.status == .ok && page.contains("牛星") && page.contains("李文") && page.contains("已签退") && page.contains("45分钟"))
            #expect(try await world.company.get(SiteURL.visits.path).contains("牛星、李文"))
            #expect(try await world.regulator.get(SiteURL.visits.path).contains(ElevatorRegisterTests.code))
            #expect(try await world.regulator.get(SiteURL.visit(id).path).status == .ok)

            let outside = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(try await outside.get(SiteURL.visit(id).path).status == .notFound)
            #expect(!(try await outside.get(SiteURL.visits.path).contains(ElevatorRegisterTests.code)))
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            #expect(try await other.get(SiteURL.visit(id).path).status == .notFound)
            #expect(!(try await other.get(SiteURL.visits.path).contains(ElevatorRegisterTests.code)))
            // The elevator's archive page lists the visit.
            #expect(try await Archive.view(world.regulator, .elevator, world.elevator.filing).contains("牛星、李文"))
        }
    }

    @Test("a worker's phone session outlives the office's idle timeout, so the worker checks out after a long visit; it ends after 12 hours")
    func fieldSessions() async throws {
        try await TestApp.run { app, clock in
            let world = try await Upkeep.world(app)
            let worker = try await Self.worker(app, world, world.niuxing)
            let code = try await Self.code(app, world.elevator.filing)
            try await Self.checkIn(worker, world.elevator.filing, token: code.token)
            let visit = try #require(try await SiteVisit.query(on: app.db).first()?.id)
            clock.advance(by: 75 * 60)
            // The company's 30-minute session has ended; the worker's has not.
            #expect(try await world.company.get(SiteURL.home.path).location == SiteURL.login.path)
            #expect(try await worker.post(SiteURL.visitCheckOut(visit).path, Self.onSite).status == .seeOther)
            #expect(try await SiteVisit.find(visit, on: app.db)?.status == .checkedOut)
            clock.advance(by: 12 * 3600 + 60)
            #expect(try await worker.get(SiteURL.work.path).location == SiteURL.login.path)
        }
    }

    @Test("a worker files the visit's maintenance record: its elevator and day, only checked-in workers, once; the record shows the check-in")
    func recordOfAVisit() async throws {
        try await TestApp.run { app, clock in
            let world = try await Upkeep.world(app)
            var workers: [TestClient] = []
            for filing in [world.niuxing, world.liwen] {
                workers.append(try await Self.worker(app, world, filing))
            }
            let code = try await Self.code(app, world.elevator.filing)
            try await Self.checkIn(workers[0], world.elevator.filing, token: code.token)
            let visit = try #require(try await SiteVisit.query(on: app.db).first()?.id)
            // 李文 has not checked in: he may not open the visit, nor be named on its record.
            #expect(try await workers[1].get(SiteURL.visitRecord(visit).path).status == .notFound)
            let form = try await workers[0].get(SiteURL.visitRecord(visit).path)
            #expect(form.status == .ok && form.contains("牛星") && !form.contains("王强"))
            let withAbsent = try await workers[0].post(SiteURL.visitRecord(visit).path,
                                                       pairs: try await Upkeep.form(app, date: "2026-09-21", workers: [world.niuxing, world.liwen]))
            #expect(withAbsent.status == .unprocessableEntity && withAbsent.contains("李文未在本次作业签到"))
            clock.advance(by: 60)
            try await Self.checkIn(workers[1], world.elevator.filing, token: code.token)
            // The form's elevator and date are the visit's, whatever is posted.
            let filed = try await workers[0].post(SiteURL.visitRecord(visit).path,
                                                  pairs: try await Upkeep.form(app, code: "31104101812015035000", date: "2026-09-01",
                                                                               workers: [world.niuxing, world.liwen]))
            #expect(filed.status == .seeOther && filed.location == SiteURL.visit(visit).path)
            let record = try #require(try await MaintenanceRecord.query(on: app.db).first())
            #expect(record.registrationCode == ElevatorRegisterTests.code && record.workDate == "2026-09-21" && record.filedByName == "牛星")
            #expect(try await SiteVisit.find(visit, on: app.db)?.recordID == record.id)
            // Once: the second try is told so and files nothing.
            let again = try await workers[1].post(SiteURL.visitRecord(visit).path, pairs: try await Upkeep.form(app, date: "2026-09-21", workers: [world.niuxing, world.liwen]))
            #expect(again.status == .seeOther)
            #expect(try await MaintenanceRecord.query(on: app.db).count() == 1)
            let view = try await world.company.get(SiteURL.maintenance(.view(record.id)).path)
            #expect(view.contains("现场签到") && view.contains("牛星、李文于"))
            // Another company: not found.
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            #expect(try await other.get(SiteURL.visitRecord(visit).path).status == .notFound)
        }
    }

    @Test("the flags: a proper visit has none and places the elevator; one from 5 km away, 10 minutes long, uploaded a day later has three; a record without check-in has 无签到")
    func flags() async throws {
        try await TestApp.run(adjust: SupervisionTests.longSessions) { app, clock in
            let world = try await Upkeep.world(app)
            var w: [TestClient] = []
            for filing in [world.niuxing, world.liwen] {
                w.append(try await Self.worker(app, world, filing))
            }
            let code = try await Self.code(app, world.elevator.filing)
            let pairs = { try await Upkeep.form(app, workers: [world.niuxing, world.liwen]) }

            try await Self.checkIn(w[0], world.elevator.filing, token: code.token)
            try await Self.checkIn(w[1], world.elevator.filing, token: code.token)
            let first = try #require(try await SiteVisit.query(on: app.db).first()?.id)
            clock.advance(by: 45 * 60)
            #expect(try await w[0].post(SiteURL.visitRecord(first).path, pairs: try await pairs()).status == .seeOther)
            try await w[1].get(SiteURL.visit(first).path)
            try await w[1].post(SiteURL.visitCheckOut(first).path, Self.onSite)
            let clean = try await world.company.get(SiteURL.visit(first).path)
            #expect(clean.status == .ok && !clean.contains("签到异常"))
            // The record was filed before the check-out: its evidence digest covers what came before it only.
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)
            #expect(try await VisitCheck.query(on: app.db).filter(\.$kind == .checkOut).first()?.coveredByRecord == nil)
            // The first visit placed the elevator; the regulator confirms it.
            let placed = try #require(try await ElevatorLocation.find(world.elevator.filing, on: app.db))
            #expect(!placed.confirmed && placed.source == .checkIns && abs(placed.latitude - 34.7521) < 1e-9)
            try await Archive.view(world.regulator, .elevator, world.elevator.filing)
            let confirmed = try await world.regulator.post(SiteURL.elevatorLocation(world.elevator.filing).path,
                                                           ["latitude": "34.752100", "longitude": "113.022100"])
            #expect(confirmed.status == .seeOther)
            #expect(try await ElevatorLocation.find(world.elevator.filing, on: app.db)?.confirmed == true)
            let archived = try await Archive.view(world.regulator, .elevator, world.elevator.filing)
            #expect(archived.contains("34.75210, 113.02210（监管人员确认，zzjg，"))
            let refused = try await world.regulator.post(SiteURL.elevatorLocation(world.elevator.filing).path, ["latitude": "95", "longitude": "113"])
            let back = try await world.regulator.follow(refused)
            #expect(back.contains("请填写中国境内的纬度"))

            // A day later: 牛星 checks in 5 km north of the car, 10 minutes on site, the record a day after.
            clock.advance(by: 86_400)
            let away = ["latitude": "34.79707", "longitude": "113.02210", "accuracy": "20", "device_time": ""]
            try await Self.checkIn(w[0], world.elevator.filing, token: code.token, place: away)
            try await Self.checkIn(w[1], world.elevator.filing, token: code.token)
            let second = try #require(try await SiteVisit.query(on: app.db).filter(\.$status == .open).first()?.id)
            clock.advance(by: 10 * 60)
            try await w[1].get(SiteURL.visit(second).path)
            try await w[1].post(SiteURL.visitCheckOut(second).path, Self.onSite)
            clock.advance(by: 25 * 3600)
            try await w[0].get(SiteURL.visitRecord(second).path)
            #expect(try await w[0].post(SiteURL.visitRecord(second).path, pairs: try await pairs()).status == .seeOther)
            let flagged = try await world.regulator.get(SiteURL.visit(second).path)
            for text in ["异地签到", "牛星距电梯5.0公里", "时长不足", "在场10分钟", "超24小时上传", "（超出200米）"] {
                #expect(flagged.contains(text), "visit page lacks \(text)")
            }
            #expect(!flagged.contains("单人作业"))
            #expect(try await world.regulator.get(SiteURL.visits.path).contains("异地签到、时长不足、超24小时上传"))
            let record = try #require(try await SiteVisit.find(second, on: app.db)?.recordID)
            #expect(try await world.regulator.get(SiteURL.maintenance(.view(record)).path).contains("超24小时上传"))

            // A record filed in the office, without anyone checking in.
            let office = try await Upkeep.file(world.company, try await Upkeep.form(app, date: clock.today().iso, workers: [world.niuxing, world.liwen]))
            #expect(office.status == .ok && office.contains("无签到") && office.contains("没有维保人员在现场扫码签到"))

            // 监管看板 counts them (the last 30 days, not accepted); the lists behind the cards name the records.
            let board = try await world.regulator.get(SiteURL.supervision.path)
            for (title, count) in [("无签到（近30天）", 1), ("异地签到（近30天）", 1), ("时长不足（近30天）", 1), ("超24小时上传（近30天）", 1), ("单人作业（近30天）", 0)] {
                #expect(SupervisionTests.card(board, title) == count, "\(title)")
            }
            let offSite = try await world.regulator.get(SiteURL.siteFlags(SiteFlag.offSite.code).path)
            #expect(offSite.contains("牛星距电梯5.0公里") && offSite.contains(ElevatorRegisterTests.code))
            let outside = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(!(try await outside.get(SiteURL.siteFlags(SiteFlag.offSite.code).path).contains("牛星距电梯")))
            #expect(SupervisionTests.card(try await world.company.get(SiteURL.home.path), "异地签到（近30天）") == 1)

            // The company explains the office record; the regulator accepts: it stops counting, and says who.
            let officeID = try #require(try await RecordFlag.query(on: app.db).filter(\.$flag == SiteFlag.noCheckIn.code).first()?.recordID)
            try await world.regulator.get(SiteURL.maintenance(.view(officeID)).path)
            let early = try await world.regulator.post(SiteURL.recordAcceptance(officeID).path, [:])
            #expect(try await world.regulator.follow(early).contains("维保单位尚未提交情况说明"))
            try await world.company.get(SiteURL.maintenance(.view(officeID)).path)
            let explained = try await world.company.post(SiteURL.recordExplanation(officeID).path, ["explanation": "电梯所在地下室无信号，现场无法扫码，已补录"])
            #expect(try await world.company.follow(explained).contains("待采纳"))
            try await world.regulator.get(SiteURL.maintenance(.view(officeID)).path)
            let accepted = try await world.regulator.post(SiteURL.recordAcceptance(officeID).path, [:])
            #expect(try await world.regulator.follow(accepted).contains("已采纳"))
            #expect(SupervisionTests.card(try await world.regulator.get(SiteURL.supervision.path), "无签到（近30天）") == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .siteFlagsAccepted).count() == 1)
            // Another company cannot explain it.
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            try await other.get(SiteURL.home.path)
            #expect(try await other.post(SiteURL.recordExplanation(officeID).path, ["explanation": "x"]).status == .notFound)
        }
    }

    @Test("a company files its elevator's place while none is known; it cannot change it then, nor after a regulator corrects it; another company cannot file it")
    func companyFilesPlace() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let id = world.elevator.filing
            let page = try await Archive.view(world.company, .elevator, id)
            #expect(page.contains("填报位置") && page.contains("未知（首次签到后自动取得）"))
            let filed = try await world.company.post(SiteURL.elevatorLocation(id).path, ["latitude": "34.752100", "longitude": "113.022100"])
            #expect(try await world.company.follow(filed).contains("电梯位置已填报，待监管人员确认"))
            let place = try #require(try await ElevatorLocation.find(id, on: app.db))
            #expect(place.source == .company && !place.confirmed)
            #expect(try await Archive.view(world.regulator, .elevator, id).contains("维保单位填报，待监管人员确认"))
            // Once known, the company's form is gone and a second filing is refused (it would move the elevator).
            #expect(!(try await Archive.view(world.company, .elevator, id)).contains("填报位置"))
            let moved = try await world.company.post(SiteURL.elevatorLocation(id).path, ["latitude": "34.80", "longitude": "113.02"])
            #expect(try await world.company.follow(moved).contains("电梯位置已由签到取得或经监管人员确认"))
            // Another company: not its elevator.
            let hongqi = try await ElevatorRegisterTests.hongqiClient(app)
            try await hongqi.get(SiteURL.home.path)
            #expect(try await hongqi.post(SiteURL.elevatorLocation(id).path, ["latitude": "35", "longitude": "113"]).status == .notFound)
            // The regulator corrects it; the company's form is gone and its post refused.
            try await world.regulator.post(SiteURL.elevatorLocation(id).path, ["latitude": "34.752300", "longitude": "113.022100"])
            #expect(try await ElevatorLocation.find(id, on: app.db)?.confirmed == true)
            #expect(!(try await Archive.view(world.company, .elevator, id)).contains("填报位置"))
            let late = try await world.company.post(SiteURL.elevatorLocation(id).path, ["latitude": "35", "longitude": "113"])
            #expect(try await world.company.follow(late).contains("电梯位置已由签到取得或经监管人员确认"))
            #expect(abs(try #require(try await ElevatorLocation.find(id, on: app.db)).latitude - 34.7523) < 1e-9)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .elevatorLocated).count() == 2)
        }
    }

    @Test("统计分析: a visit whose record carries an unaccepted flag counts as a visit, not as on time, until a regulator accepts")
    func onTime() async throws {
        try await TestApp.run(adjust: { SupervisionTests.longSessions(&$0); $0.siteEvidence.flaggedCountOnTime = false }) { app, _ in
            let world = try await Upkeep.world(app)
            for date in ["2026-09-05", "2026-09-15"] {
                let page = try await Upkeep.file(world.company, try await Upkeep.form(app, date: date, workers: [world.niuxing, world.liwen]))
                #expect(page.status == .ok)
            }
            let month = { try await VisitMonth.query(on: app.db).filter(\.$month == "2026-09").first() }
            let before = try await month()
            #expect(before?.visits == 1 && before?.onTime == 0)
            let second = try #require(try await MaintenanceRecord.query(on: app.db).filter(\.$workDate == "2026-09-15").first()?.id)
            try await world.company.get(SiteURL.maintenance(.view(second)).path)
            try await world.company.post(SiteURL.recordExplanation(second).path, ["explanation": "地下车库电梯，无信号"])
            try await world.regulator.get(SiteURL.maintenance(.view(second)).path)
            #expect(try await world.regulator.post(SiteURL.recordAcceptance(second).path, [:]).status == .seeOther)
            let after = try await month()
            #expect(after?.onTime == 1)
        }
    }

    @Test("another company's worker cannot check in at the elevator, by its code or by typing its numbers")
    func otherCompanysWorker() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let code = try await Self.code(app, world.elevator.filing)
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            try await Archive.approvedCompany(app, other, xinxiang, Archive.hongqiInfo())
            let hq = try await Archive.approvedStaff(app, other, xinxiang,
                                                     ["name": "赵强", "job_type": "维保人员", "id_number": "410702198505051238", "certificate_no": "TS-0100",
                                                      "certificate_issued": "2024-01-01", "certificate_expires": "2028-01-01", "phone": "13663017399"])
            let stranger = try await Self.worker(app, other, staff: hq, phone: "13663017399")
            let scanned = try await stranger.get(SiteURL.safetyCodeScan(world.elevator.filing, code.token).path)
            #expect(scanned.location?.hasPrefix(SiteURL.publicLookup.path) == true)
            #expect(try await stranger.get(SiteURL.workCheckIn(world.elevator.filing).path + "?t=" + code.token).status == .notFound)
            #expect(try await stranger.post(SiteURL.workCheckIn(world.elevator.filing).path, ["token": code.token]).status == .notFound)
            try await stranger.get(SiteURL.work.path)
            let typed = try await stranger.post(SiteURL.workCheckInTyped.path, ["rescue_code": "410001", "code_tail": String(ElevatorRegisterTests.code.suffix(6))])
            #expect(typed.status == .unprocessableEntity && typed.contains("本公司维保的电梯中没有"))
            #expect(try await SiteVisit.query(on: app.db).count() == 0)
        }
    }

    @Test("check-in by typed numbers keeps the input and says what is wrong beside the field")
    func typed() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let worker = try await Self.worker(app, world, world.niuxing)
            try await worker.get(SiteURL.work.path)
            let bad = try await worker.post(SiteURL.workCheckInTyped.path, ["rescue_code": "410001", "code_tail": "12345"])
            #expect(bad.status == .unprocessableEntity && bad.contains("id=\"f-code_tail-error\"") && bad.contains("value=\"410001\""))
            let wrong = try await worker.post(SiteURL.workCheckInTyped.path, ["rescue_code": "410001", "code_tail": "999999"])
            #expect(wrong.status == .unprocessableEntity && wrong.contains("注册代码以999999结尾"))
            let ok = try await worker.post(SiteURL.workCheckInTyped.path, ["rescue_code": "410001", "code_tail": String(ElevatorRegisterTests.code.suffix(6))])
            #expect(ok.status == .seeOther)
            let check = try #require(try await VisitCheck.query(on: app.db).first())
            #expect(check.method == .typed && check.latitude == nil)
        }
    }

    @Test("a worker whose certificate expired, or whose filing is not approved, cannot check in")
    func standing() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let worker = try await Self.worker(app, world, world.wangqiang)
            let code = try await Self.code(app, world.elevator.filing)
            #expect(try await worker.get(SiteURL.work.path).contains("已于2026-09-01过期"))
            let refused = try await Self.checkIn(worker, world.elevator.filing, token: code.token)
            #expect(refused.status == .seeOther && refused.location == SiteURL.work.path)
            #expect(try await SiteVisit.query(on: app.db).count() == 0)
        }
    }

    @Test("a regulator rotates the code: the old sticker stops working at once, the new one works, the audit log says who")
    func rotation() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let worker = try await Self.worker(app, world, world.niuxing)
            let old = try await Self.code(app, world.elevator.filing)
            try await Archive.view(world.regulator, .elevator, world.elevator.filing)
            let rotated = try await world.regulator.post(SiteURL.safetyCodeRotate(world.elevator.filing).path, [:])
            #expect(rotated.status == .seeOther)
            let new = try await Self.code(app, world.elevator.filing)
            #expect(new.generation == 2 && new.token != old.token)
            #expect(try await TestClient(app).get(SiteURL.safetyCodeScan(world.elevator.filing, old.token).path).status == .notFound)
            #expect(try await worker.get(SiteURL.workCheckIn(world.elevator.filing).path + "?t=" + old.token).status == .notFound)
            #expect(try await Self.checkIn(worker, world.elevator.filing, token: new.token).status == .seeOther)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == .safetyCodeRotated).count() == 1)
            // Outside the regulator's region: not found; a company may not rotate.
            let outside = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            try await outside.get(SiteURL.home.path)
            #expect(try await outside.post(SiteURL.safetyCodeRotate(world.elevator.filing).path, [:]).status == .notFound)
            try await world.company.get(SiteURL.home.path)
            #expect(try await world.company.post(SiteURL.safetyCodeRotate(world.elevator.filing).path, [:]).status == .forbidden)
        }
    }

    @Test("workers checking in at once join one visit; a visit left open past 12 hours is closed as 未签退 by the next check-in")
    func concurrentAndLapsed() async throws {
        try await TestApp.run(adjust: SupervisionTests.longSessions) { app, clock in
            let world = try await Upkeep.world(app)
            var clients: [TestClient] = []
            for filing in [world.niuxing, world.liwen] {
                clients.append(try await Self.worker(app, world, filing))
            }
            let code = try await Self.code(app, world.elevator.filing)
            for client in clients { try await client.get(SiteURL.workCheckIn(world.elevator.filing).path + "?t=" + code.token) }
            let filing = world.elevator.filing
            let token = code.token
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for client in clients {
                    group.addTask { try await client.post(SiteURL.workCheckIn(filing).path, Self.onSite.merging(["token": token]) { $1 }).status }
                }
                for try await status in group { #expect(status == .seeOther) }
            }
            #expect(try await SiteVisit.query(on: app.db).count() == 1)
            #expect(try await VisitCheck.query(on: app.db).count() == 2)

            clock.advance(by: 13 * 3600)
            #expect(try await world.company.get(SiteURL.visits.path).contains("未签退"))
            try await Self.checkIn(clients[0], world.elevator.filing, token: code.token)
            let statuses = try await SiteVisit.query(on: app.db).sort(\.$startedAt).all().map(\.status)
            #expect(statuses == [.lapsed, .open])
        }
    }

    @Test("打印安全码: the company's stickers of its selected elevators, each with its code and numbers; another company's elevator is not found")
    func printing() async throws {
        try await TestApp.run { app, _ in
            let world = try await Upkeep.world(app)
            let page = try await world.company.get(SiteURL.safetyCodes.path + "?ids=" + world.elevator.filing.uuidString)
            #expect(page.status == .ok && page.contains("<svg") && page.contains(ElevatorRegisterTests.code) && page.contains("96333"))
            let code = try await Self.code(app, world.elevator.filing)
            #expect(code.generation == 1)
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            #expect(try await other.get(SiteURL.safetyCodes.path + "?ids=" + world.elevator.filing.uuidString).status == .notFound)
            // Printing again reuses the code.
            try await world.company.get(SiteURL.safetyCodes.path + "?ids=" + world.elevator.filing.uuidString)
            #expect(try await ElevatorSafetyCode.query(on: app.db).count() == 1)
        }
    }
}

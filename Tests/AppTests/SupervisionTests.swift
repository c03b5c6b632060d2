@testable import App
import Fluent
import Foundation
import SQLKit
import Supervision
import Testing
import Vapor

/// The supervision rules as the pages show them (issue 7): boundaries, counts equal to their lists, scope.
@Suite("监管: overdue maintenance, inspections, certificates, the dashboard and the to-do list")
struct SupervisionTests {
    typealias M = MaintenanceTests
    static let day: TimeInterval = 86_400
    /// The tests move the clock on by months; sessions must outlast that.
    static func longSessions(_ config: inout AppConfig) {
        config.sessionIdleTimeout = 800 * 86_400
        config.workerSessionIdleTimeout = 800 * 86_400
    }

    /// The count a dashboard or home page shows on the card titled `title`.
    static func card(_ page: TestClient.Page, _ title: String) -> Int? {
        guard let m = page.body.firstMatch(of: try! Regex("<span class=\"card-value\">(\\d+)</span><span class=\"card-title\">\(title)</span>")) else { return nil }
        return Int(m.output[1].substring ?? "")
    }

    /// The numbers of a breakdown row of 监管看板 (按区县 or 按维保单位): its elevators, then one per rule.
    static func breakdownRow(_ page: TestClient.Page, _ name: String) -> [Int]? {
        guard let start = page.body.range(of: "<tr><td>\(name)</td>"),
              let end = page.body.range(of: "</tr>", range: start.upperBound..<page.body.endIndex) else { return nil }
        let row = page.body[start.upperBound..<end.lowerBound]
        return row.matches(of: /<td>(?:<a [^>]*>)?(\d+)(?:<\/a>)?<\/td>/).compactMap { Int($0.1) }
    }

    static func total(_ page: TestClient.Page) -> Int? {
        page.body.firstMatch(of: /共 (\d+) 条/).flatMap { Int($0.1) }
    }

    static func listCount(_ client: TestClient, _ rule: SupervisionRule, _ query: String = "") async throws -> Int? {
        let page = try await client.get(SiteURL.supervisionRule(rule.rawValue).path + query)
        #expect(page.status == .ok)
        return total(page)
    }

    @Test("超期未维保 from day 16 after the last visit, 即将超期 from day 12; a quarterly visit resets the half-monthly clock")
    func halfMonthlyBoundary() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            let w = try await M.world(app)
            // Approved today (2026-09-21) and never visited: the clock starts at the approval.
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            _ = try await M.file(w.company, try await M.form(app, date: "2026-09-21", workers: [w.niuxing, w.liwen]))
            clock.advance(by: 11 * Self.day)  // 2026-10-02, day 11
            #expect(try await Self.listCount(w.regulator, .dueSoon) == 0)
            clock.advance(by: 1 * Self.day)   // day 12: the warning
            #expect(try await Self.listCount(w.regulator, .dueSoon) == 1)
            clock.advance(by: 3 * Self.day)   // day 15: still on time
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            #expect(try await Self.listCount(w.regulator, .dueSoon) == 1)
            clock.advance(by: 1 * Self.day)   // day 16: overdue
            #expect(try await Self.listCount(w.regulator, .overdue) == 1)
            #expect(try await Self.listCount(w.regulator, .dueSoon) == 0)
            let list = try await w.regulator.get(SiteURL.supervisionRule("overdue").path)
            #expect(list.contains(MaintenanceTests.Elevators.code) && list.contains("凯旋电梯维保有限公司") && list.contains("2026-09-21"))
            // The company sees the same on its home page, as a to-do.
            let home = try await w.company.get(SiteURL.home.path)
            #expect(Self.card(home, "超期未维保") == 1)
            // A quarterly visit also covers the half-monthly items: the elevator leaves the list.
            let filed = try await M.file(w.company, try await M.form(app, date: "2026-10-07", level: .quarterly, workers: [w.niuxing, w.liwen]))
            #expect(filed.contains("维保记录已提交"), "\(M.errors(filed))")
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            #expect(Self.card(try await w.company.get(SiteURL.home.path), "超期未维保") == 0)
        }
    }

    @Test("按需维保: a regulator sets one elevator's interval with its basis; the overdue rules follow it, and back to the default")
    func customInterval() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            let w = try await M.world(app)
            let url = SiteURL.maintenanceInterval(w.elevator.filing).path
            _ = try await M.file(w.company, try await M.form(app, date: "2026-09-21", workers: [w.niuxing, w.liwen]))
            clock.advance(by: 20 * Self.day)  // 2026-10-11, day 20: overdue on the default 15 days
            #expect(try await Self.listCount(w.regulator, .overdue) == 1)

            // Bad input: the message beside its field, the input kept, nothing stored.
            #expect(try await w.regulator.get(url).contains("设置维保周期"))
            var page = try await w.regulator.post(url, ["interval_days": "120", "basis": ""])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("维保周期应为7至90之间的整数天数") && page.contains("请填写设置依据") && page.contains("value=\"120\""))
            #expect(try await MaintenanceIntervalChange.query(on: app.db).count() == 0)
            #expect(try await Self.listCount(w.regulator, .overdue) == 1)

            page = try await w.regulator.post(url, ["interval_days": "30", "basis": "郑州市按需维保试点（郑市监〔2026〕12号）"])
            #expect(page.status == .seeOther)
            // Day 20 of 30: on time; the list and the card agree. Day 27 is the warning, day 31 overdue.
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            #expect(Self.card(try await w.company.get(SiteURL.home.path), "超期未维保") == 0)
            clock.advance(by: 7 * Self.day)   // day 27
            #expect(try await Self.listCount(w.regulator, .dueSoon) == 1)
            let soon = try await w.regulator.get(SiteURL.supervisionRule("due-soon").path)
            #expect(soon.contains("30天（按需）") && soon.contains("2026-10-21"))
            clock.advance(by: 3 * Self.day)   // day 30: still on time
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            clock.advance(by: 1 * Self.day)   // day 31
            #expect(try await Self.listCount(w.regulator, .overdue) == 1)
            #expect(try await Self.listCount(w.regulator, .dueSoon) == 0)
            // A visit moves the due date on by the elevator's own interval.
            _ = try await M.file(w.company, try await M.form(app, date: "2026-10-22", workers: [w.niuxing, w.liwen]))
            let upkeep = try #require(try await ElevatorUpkeep.find(w.elevator.filing, on: app.db))
            #expect(upkeep.visitDue == "2026-11-21")
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)

            // The archive page shows the interval and its history, to the company too (without the button).
            let view = try await ArchiveTests.view(w.regulator, .elevator, w.elevator.filing)
            #expect(view.contains("30天（按需设置）") && view.contains("郑市监〔2026〕12号") && view.contains(url))
            let companyView = try await ArchiveTests.view(w.company, .elevator, w.elevator.filing)
            #expect(companyView.contains("30天（按需设置）") && !companyView.contains(url))

            // Back to the default: empty days. The elevator is judged by 15 days again.
            clock.advance(by: 20 * Self.day)  // 2026-11-21, day 20 after the visit
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            page = try await w.regulator.post(url, ["interval_days": "", "basis": "试点结束"])
            #expect(page.status == .seeOther)
            #expect(try await Self.listCount(w.regulator, .overdue) == 1)
            #expect(try await MaintenanceIntervalChange.query(on: app.db).count() == 2)
            #expect(try await ArchiveTests.view(w.regulator, .elevator, w.elevator.filing).contains("恢复默认"))

            // Nobody else sets it: not the company, not another region's regulator.
            #expect(try await w.company.get(url).status == .forbidden)
            #expect(try await w.company.post(url, ["interval_days": "60", "basis": "x"]).status == .forbidden)
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(try await xinxiang.get(url).status == .notFound)
            #expect(try await xinxiang.post(url, ["interval_days": "60", "basis": "x"]).status == .notFound)
            #expect(try await MaintenanceIntervalChange.query(on: app.db).count() == 2)
        }
    }

    @Test("a correction moves the last visit: correcting the only visit to an earlier date can make the elevator overdue")
    func correctionCounts() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            let w = try await M.world(app)
            clock.advance(by: 20 * Self.day)  // 2026-10-11
            _ = try await M.file(w.company, try await M.form(app, date: "2026-10-10", workers: [w.niuxing, w.liwen]))
            #expect(try await Self.listCount(w.regulator, .overdue) == 0)
            let record = try #require(try await MaintenanceRecord.query(on: app.db).first())
            var pairs = try await M.form(app, date: "2026-09-22", workers: [w.niuxing, w.liwen])
            pairs.append(("amendment_reason", "日期填错"))
            try await w.company.get(SiteURL.maintenance(.amend(record.id)).path)
            #expect(try await w.company.post(SiteURL.maintenance(.amend(record.id)).path, pairs: pairs).status == .seeOther)
            #expect(try await Self.listCount(w.regulator, .overdue) == 1)
        }
    }

    @Test("a correction naming another elevator moves the visit: both elevators' last visits and the on-time sums follow")
    func correctionToAnotherElevator() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, _ in
            let w = try await M.world(app)
            let code2 = "31104101812015035070"
            let second = try await ArchiveTests.approvedElevator(app, w.company, w.regulator,
                                                                 ElevatorRegisterTests.elevator(["registration_code": code2, "rescue_code": "410002"]))
            for date in ["2026-09-01", "2026-09-10"] {
                _ = try await M.file(w.company, try await M.form(app, date: date, workers: [w.niuxing, w.liwen]))
            }
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await CompanyVisitMonths.rates(SupervisionScope(), from: "2026-01", on: sql).values.first?["2026-09"].map { "\($0.0)/\($0.1)" } == "1/1")
            // The 09-10 visit was the other elevator's.
            let wrong = try #require(try await MaintenanceRecord.query(on: app.db).filter(\.$workDate == "2026-09-10").first())
            var pairs = try await M.form(app, code: code2, date: "2026-09-10", workers: [w.niuxing, w.liwen])
            pairs.append(("amendment_reason", "注册代码填错"))
            try await w.company.get(SiteURL.maintenance(.amend(wrong.id)).path)
            #expect(try await w.company.post(SiteURL.maintenance(.amend(wrong.id)).path, pairs: pairs).status == .seeOther)
            #expect(try await ElevatorUpkeep.find(w.elevator.filing, on: app.db)?.lastVisit == "2026-09-01")
            #expect(try await ElevatorUpkeep.find(second.filing, on: app.db).map { $0.visited && $0.lastVisit == "2026-09-10" } == true)
            // Neither elevator now has a visit after an earlier one: no September visits count.
            let kept = try await CompanyVisitMonths.rates(SupervisionScope(), from: "2026-01", on: sql)
            #expect(kept.isEmpty, "\(kept)")
            #expect(try await VisitMonth.query(on: app.db).count() == 0)
        }
    }

    @Test("检验即将到期 within 30 days, 检验超期 once passed; certificates and qualifications expiring and expired")
    func inspectionsAndCertificates() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            let w = try await M.world(app)
            // 下次检验日期 2027-03-14: 30 days before is 2027-02-12.
            clock.advance(by: (144 - 1) * Self.day)  // 2027-02-11
            #expect(try await Self.listCount(w.regulator, .inspectionDueSoon) == 0)
            clock.advance(by: 1 * Self.day)          // 2027-02-12
            #expect(try await Self.listCount(w.regulator, .inspectionDueSoon) == 1)
            clock.advance(by: 30 * Self.day)         // 2027-03-14: the day itself is still due soon
            #expect(try await Self.listCount(w.regulator, .inspectionDueSoon) == 1)
            clock.advance(by: 1 * Self.day)          // 2027-03-15: passed
            #expect(try await Self.listCount(w.regulator, .inspectionOverdue) == 1)
            #expect(try await Self.listCount(w.regulator, .inspectionDueSoon) == 0)
            // 王强's certificate ended 2026-09-01; 牛星's and 李文's end 2028-01-01 (90 days before: 2027-10-03).
            #expect(try await Self.listCount(w.regulator, .certificateExpired) == 1)
            #expect(try await Self.listCount(w.regulator, .certificateExpiring) == 0)
            clock.advance(by: 202 * Self.day)  // 2027-10-03: 90 days left
            #expect(try await Self.listCount(w.regulator, .certificateExpiring) == 2)
            let staff = try await w.regulator.get(SiteURL.supervisionRule("certificate-expiring").path)
            #expect(staff.contains("牛星") && staff.contains("2028-01-01") && staff.contains("90</td>") && staff.contains("90天内</td>"))
            // The warning steps: none within 60 days yet; 30 days later both are.
            let within60 = SiteURL.supervisionRule("certificate-expiring").path + "?within=60"
            #expect(staff.contains("href=\"\(within60)\""))
            #expect(Self.total(try await w.regulator.get(within60)) == 0)
            clock.advance(by: 30 * Self.day)  // 2027-11-02: 60 days left
            let page = try await w.regulator.get(within60)
            #expect(Self.total(page) == 2 && page.contains("人员证书即将到期（60天内）") && page.contains("60天内</td>"))
            let export = try await ElevatorRegisterTests.download(w.regulator, SiteURL.supervisionExport("certificate-expiring").path + "?within=7")
            #expect(try XLSXRows.count(export.data) == 1)  // the header only
        }
    }

    @Test("every count on the dashboard equals the list behind it, and the export holds the same rows; scope per region and company")
    func countsEqualLists() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            let w = try await M.world(app)
            _ = try await M.file(w.company, try await M.form(app, date: "2026-09-21", workers: [w.niuxing, w.liwen]))
            _ = try await MaintenanceTests.Archive.approvedElevator(app, w.company, w.regulator,
                MaintenanceTests.Elevators.elevator(["registration_code": "31104101812015035070", "rescue_code": "410003"]))
            clock.advance(by: 40 * Self.day)
            let dashboard = try await w.regulator.get(SiteURL.supervision.path)
            #expect(dashboard.status == .ok && dashboard.contains("按区县") && dashboard.contains("<svg"))
            for rule in SupervisionRule.allCases {
                let shown = try #require(Self.card(dashboard, rule.title), "no card for \(rule.title)")
                #expect(try await Self.listCount(w.regulator, rule) == shown, "\(rule.title)")
                let export = try await MaintenanceTests.Elevators.download(w.regulator, SiteURL.supervisionExport(rule.rawValue).path)
                #expect(try XLSXRows.count(export.data) == shown + 1, "\(rule.title) export")
            }
            #expect(Self.card(dashboard, "超期未维保") == 2)
            // The breakdowns: the county's row and the company's row hold, per rule, what its list narrowed to
            // the county or the company holds; the elevators column, all of theirs in the scope.
            let company = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first()?.id)
            let county = try #require(Self.breakdownRow(dashboard, "河南省郑州市巩义市"))
            let companyRow = try #require(Self.breakdownRow(dashboard, "凯旋电梯维保有限公司"))
            let elevators = try await ElevatorUpkeep.query(on: app.db).count()
            #expect(county.first == elevators && companyRow.first == elevators && elevators > 0)
            for (i, rule) in SupervisionController.breakdownRules.enumerated() {
                #expect(county[i + 1] == (try await Self.listCount(w.regulator, rule, "?region=410181")), "\(rule.title) by county")
                #expect(companyRow[i + 1] == (try await Self.listCount(w.regulator, rule, "?company=\(company.uuidString)")), "\(rule.title) by company")
            }
            #expect(county[1] == 2 && companyRow[1] == 2)
            // The county's link narrows to 巩义市; another county has none.
            #expect(try await Self.listCount(w.regulator, .overdue, "?region=410181") == 2)
            #expect(try await Self.listCount(w.regulator, .overdue, "?region=410102") == 0)
            // Another region's regulator and another company see none of it, even when they ask for it.
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(try await Self.listCount(xinxiang, .overdue) == 0)
            #expect(try await Self.listCount(xinxiang, .overdue, "?region=410181") == 0)
            let other = try await MaintenanceTests.Elevators.hongqiClient(app)
            #expect(try await Self.listCount(other, .overdue, "?company=\(company.uuidString)") == 0)
            // Companies have no dashboard; their home page shows their own counts.
            #expect(try await w.company.get(SiteURL.supervision.path).status == .forbidden)
            #expect(Self.card(try await other.get(SiteURL.home.path), "超期未维保") == 0)
        }
    }

    @Test("统计分析: approved elevators, companies and staff per county; on-time rate per company and month, corrections counted")
    func statistics() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, _ in
            let w = try await M.world(app)
            for date in ["2026-08-20", "2026-09-01", "2026-09-20"] {
                _ = try await M.file(w.company, try await M.form(app, date: date, workers: [w.niuxing, w.liwen]))
            }
            var page = try await w.regulator.get(SiteURL.statistics.path)
            #expect(page.status == .ok)
            #expect(page.contains("<td>河南省郑州市巩义市</td><td>1</td><td>0</td><td>3</td>"))
            // September: 2026-09-01 came 12 days after the visit before (on time), 2026-09-20 19 days after (late).
            #expect(page.contains("50%（1/2）") && page.contains("low-rate"))
            // The late one was mistyped: corrected to 2026-09-14, 13 days after.
            let late = try #require(try await MaintenanceRecord.query(on: app.db).filter(\.$workDate == "2026-09-20").first())
            var pairs = try await M.form(app, date: "2026-09-14", workers: [w.niuxing, w.liwen])
            pairs.append(("amendment_reason", "日期填错"))
            try await w.company.get(SiteURL.maintenance(.amend(late.id)).path)
            #expect(try await w.company.post(SiteURL.maintenance(.amend(late.id)).path, pairs: pairs).status == .seeOther)
            page = try await w.regulator.get(SiteURL.statistics.path)
            #expect(page.contains("100%（2/2）"))
            // A visit filed late, between two others: August now has one visit after another (8 days), on time.
            _ = try await M.file(w.company, try await M.form(app, date: "2026-08-28", workers: [w.niuxing, w.liwen]))
            page = try await w.regulator.get(SiteURL.statistics.path)
            #expect(page.contains("100%（1/1）") && page.contains("100%（2/2）"))
            // The sums kept as records come equal a count from scratch.
            let sql = try #require(app.db as? any SQLDatabase)
            let kept = try await CompanyVisitMonths.rates(SupervisionScope(), from: "2000-01", on: sql)
            try await VisitMonth.query(on: app.db).delete()
            try await sql.delete(from: CompanyVisitMonths.schema).run()
            try await VisitMonth.recount(w.elevator.filing, from: "0000-01-01", defaultIntervalDays: 15, on: app.db)
            let recounted = try await CompanyVisitMonths.rates(SupervisionScope(), from: "2000-01", on: sql)
            #expect(kept.mapValues { $0.mapValues { "\($0.0)/\($0.1)" } } == recounted.mapValues { $0.mapValues { "\($0.0)/\($0.1)" } })
            #expect(kept.values.first?["2026-09"].map { "\($0.0)/\($0.1)" } == "2/2")
            // Another region sees none of it; companies have no statistics page.
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let other = try await xinxiang.get(SiteURL.statistics.path)
            #expect(!other.contains("巩义市") && !other.contains("凯旋"))
            #expect(try await w.company.get(SiteURL.statistics.path).status == .forbidden)
        }
    }

    @Test("liftwatch supervise names each certificate once at each warning step it enters: 90, 60, 30, 7 days")
    func steppedReminders() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            _ = try await M.world(app)
            // 牛星's and 李文's certificates end 2028-01-01; 王强's ended 2026-09-01 (counted, never named).
            func sms() async throws -> [String] {
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "13733877795").sort(\.$createdAt).all()
                    .map(\.body).filter { $0.hasPrefix("【电梯维保监管】") }
            }
            clock.advance(by: 376 * Self.day)  // 2027-10-02: 91 days left, not yet warned
            _ = try await DemoCommandTests.runCommand(app, "supervise")
            #expect(try await sms().last?.contains("证书到期预警") == false)
            clock.advance(by: 1 * Self.day)    // 2027-10-03: 90 days left
            _ = try await DemoCommandTests.runCommand(app, "supervise")
            #expect(try await sms().last?.contains("证书到期预警：李文90天内到期（2028-01-01）、牛星90天内到期（2028-01-01）") == true)
            clock.advance(by: 1 * Self.day)    // the next day: counted, no longer named
            _ = try await DemoCommandTests.runCommand(app, "supervise")
            #expect(try await sms().last.map { $0.contains("人员证书即将到期2人") && !$0.contains("证书到期预警") } == true)
            clock.advance(by: 29 * Self.day)   // 2027-11-02: 60 days left
            _ = try await DemoCommandTests.runCommand(app, "supervise")
            #expect(try await sms().last?.contains("牛星60天内到期") == true)
            clock.advance(by: 54 * Self.day)   // 2027-12-26, 6 days left, with no run at 30 days: the step it is in is named
            _ = try await DemoCommandTests.runCommand(app, "supervise")
            let last = try #require(try await sms().last)
            #expect(last.contains("牛星7天内到期") && !last.contains("30天内"))
            #expect(try await ExpiryReminder.query(on: app.db).count() == 6)
            #expect(try await sms().count == 5)
        }
    }

    @Test("liftwatch supervise: the day's counts, and one reminder a day to each company with something to do")
    func dailyRun() async throws {
        try await TestApp.run(adjust: Self.longSessions) { app, clock in
            let w = try await M.world(app)
            _ = try await M.file(w.company, try await M.form(app, date: "2026-09-21", workers: [w.niuxing, w.liwen]))
            clock.advance(by: 16 * Self.day)
            let printed = try await DemoCommandTests.runCommand(app, "supervise")
            #expect(printed.contains("  超期未维保：1") && printed.contains("已提醒1家维保单位"))
            let sms = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "13733877795").all()
                .filter { $0.body.hasPrefix("【电梯维保监管】") }
            #expect(sms.count == 1 && sms[0].body.contains("超期未维保1台") && sms[0].body.contains("人员证书已过期1人"))
            // Again the same day: nothing new to say, nothing sent.
            #expect(try await DemoCommandTests.runCommand(app, "supervise").contains("已提醒0家维保单位"))
            #expect(try await DemoCommandTests.runCommand(app, "supervise", ["--quiet"]).contains("  超期未维保：1"))
        }
    }
}

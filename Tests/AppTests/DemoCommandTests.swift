@testable import App
import Fluent
import Foundation
import Supervision
import Testing
import Validation
import Vapor

/// `liftwatch demo`: the manual's examples loaded through the app's own services into an empty database,
/// in every filing state, with the approved versions in the archive, and the logins printed.
@Suite("liftwatch demo: the manual's examples for a newcomer")
struct DemoCommandTests {
    /// Runs `liftwatch demo` with the given arguments; what it printed.
    static func runDemo(_ app: Application, _ arguments: [String] = []) async throws -> [String] {
        try await runCommand(app, "demo", arguments)
    }

    /// Runs `liftwatch NAME ARGUMENTS` as the executable would; what it printed.
    static func runCommand(_ app: Application, _ name: String, _ arguments: [String] = []) async throws -> [String] {
        let console = RecordingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["liftwatch"] + arguments))
        context.application = app
        try await app.asyncCommands.commands[name]!.run(using: &context)
        return console.lines
    }

    static func statuses(_ app: Application, _ kind: FilingKind) async throws -> [ReviewStatus: Int] {
        var counts: [ReviewStatus: Int] = [:]
        for f in try await Filing.query(on: app.db).filter(\.$kind == kind).all() { counts[f.reviewStatus, default: 0] += 1 }
        return counts
    }

    static func filing(_ app: Application, _ kind: FilingKind, subject: String) async throws -> Filing {
        try #require(try await Filing.query(on: app.db).filter(\.$kind == kind).filter(\.$subject == subject).first(), "\(subject)")
    }

    @Test("loads two companies, their staff and elevators in every state, with regulators for every region")
    func loads() async throws {
        try await TestApp.run { app, _ in
            // setup: a database as `serve` leaves a new one: migrated, with the first admin
            try await InitialAdmin.ensure(on: app)

            // MUT
            let output = try await Self.runDemo(app)

            // validate: the records
            #expect(try await Company.query(on: app.db).count() == 2)
            #expect(try await StaffMember.query(on: app.db).count() == 11)
            #expect(try await Elevator.query(on: app.db).count() == 17)
            #expect(try await Self.statuses(app, .company) == [.approved: 2])
            #expect(try await Self.statuses(app, .staff) == [.approved: 6, .pending: 4, .draft: 1])
            #expect(try await Self.statuses(app, .elevator) == [.approved: 12, .pending: 2, .draft: 2, .rejected: 1])

            let kaixuan = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first())
            #expect(kaixuan.certificateNo == "TS3344A12-2011")
            #expect(kaixuan.regionCode == "410181")
            #expect(kaixuan.legalPerson == "张东力" && kaixuan.manager == "姚俊杰" && kaixuan.managerPhone == "13733877795")
            let staff = try await StaffMember.query(on: app.db).filter(\.$companyID == kaixuan.requireID()).all()
            #expect(Set(staff.map(\.name)) == ["牛星", "李文", "王强", "万军", "牛光耀", "李明力", "马金生", "马金磊"])
            for person in staff {
                #expect(ResidentIDNumber.validate(person.idNumber, today: app.clock.today()) == .success(person.idNumber), "\(person.name)")
            }
            #expect(staff.first { $0.name == "牛星" }?.idNumber == "410412198304120213")  // the manual's, already valid

            // 3.1's elevators stand in 虞城县 and 夏邑县, reviewed by 商丘市; the hand-entered 客梯 in 巩义市.
            let elevators = try await Elevator.query(on: app.db).filter(\.$companyID == kaixuan.requireID()).all()
            #expect(elevators.count == 13)
            let regions = Dictionary(elevators.map { ($0.registrationCode, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
            #expect(regions["31104114002015040"] == "411426")
            #expect(regions["31149912345611789"] == "410181")
            #expect(elevators.filter { $0.regionCode == "411425" }.count == 11)

            // validate: the manual's states
            let niuXing = try await Self.filing(app, .staff, subject: "牛星")
            #expect(niuXing.state == .init(review: .draft, info: .changed))
            let niuGuangyao = try await Self.filing(app, .staff, subject: "牛光耀")
            #expect(niuGuangyao.state == .init(review: .pending, info: .changed))
            let maJinlei = try await Self.filing(app, .staff, subject: "马金磊")
            #expect(maJinlei.state == .init(review: .pending, info: .new))
            #expect(try await FilingEvent.query(on: app.db).filter(\.$filingID == maJinlei.requireID()).filter(\.$action == .reject).count() == 1)
            let handEntered = try await Self.filing(app, .elevator, subject: "客梯 31149912345611789")
            #expect(handEntered.state == .init(review: .draft, info: .changed))
            let rejected = try await Self.filing(app, .elevator, subject: "曳引式客梯 31104114002015070")
            #expect(rejected.state == .init(review: .rejected, info: .changed))
            #expect(rejected.opinion?.contains("责任单位") == true)
            let reinspected = try await Self.filing(app, .elevator, subject: "曳引式客梯 31104114002013100")
            #expect(reinspected.state == .init(review: .approved, info: .normal))
            #expect(reinspected.archivedVersion == 2)

            // validate: every filing's history is complete, and a regulator of its region can review it
            let regulators = try await User.query(on: app.db).filter(\.$role == .regulator).all()
            #expect(Set(regulators.compactMap(\.regionCode)) == ["410100", "411400", "410700"])
            var scopes: [RegionScope] = []
            for r in regulators { scopes.append(try #require(try await RegionDirectory(db: app.db).scope(of: r.regionCode!))) }
            let filings = try await Filing.query(on: app.db).all()
            #expect(filings.count == 30)
            for f in filings {
                #expect(scopes.contains { $0.contains(f.regionCode) }, "\(f.subject) in \(f.regionCode) has no regulator")
                let events = try await FilingEvent.query(on: app.db).filter(\.$filingID == f.requireID()).count()
                #expect(events == f.revision + 1, "\(f.subject): \(events) events, revision \(f.revision)")
                let versions = try await FilingVersion.query(on: app.db).filter(\.$filingID == f.requireID()).count()
                #expect(versions == f.archivedVersion, "\(f.subject)")
            }

            // validate: the printed logins work
            #expect(output.contains { $0.contains("演示数据已载入") })
            for username in ["kxwbgs", "hqdt", "zzjg", "sqjg", "xxjg", "admin", "w13837301122", "w13937302233"] {
                let line = try #require(output.first { $0.contains("用户名 \(username) ") }, "\(username) not printed")
                let password = try #require(line.components(separatedBy: "密码 ").last?.split(separator: " ").first.map(String.init))
                let user = try #require(try await User.query(on: app.db).filter(\.$usernameKey == username).first())
                #expect(try app.password.verify(password, created: user.passwordHash), "\(username)'s printed password")
            }
        }
    }

    @Test("维保签到: 红旗's workers have logins; the 客梯's visit is clean with its record and photos, the 扶梯's is flagged, older records show 无签到")
    func fieldwork() async throws {
        // The demo's photos are judged as a server with the default rules judges them.
        try await TestApp.run(adjust: { $0.siteEvidence.requiredPhotos = 3 }) { app, _ in
            _ = try await Self.runDemo(app)
            let visits = try await SiteVisit.query(on: app.db).sort(\.$startedAt).all()
            #expect(visits.count == 2 && visits.allSatisfy { $0.status == .checkedOut })
            let rules = app.config.siteRules
            let keti = try #require(visits.first { $0.registrationCode == DemoData.hongqiCodes.passenger })
            #expect(keti.recordID != nil && keti.minutesOnSite == 73)
            #expect(try await VisitFlags.of(keti, rules: rules, on: app.db).isEmpty)
            #expect(try await RecordFlag.query(on: app.db).filter(\.$recordID == keti.recordID!).count() == 0)
            let futi = try #require(visits.first { $0.registrationCode == DemoData.hongqiCodes.escalator })
            #expect(try await VisitFlags.of(futi, rules: rules, on: app.db).map(\.flag) == ["单人作业", "异地签到", "照片不足", "照片重复"])
            #expect(try await VisitPhoto.query(on: app.db).filter(\.$visitID == keti.requireID()).count() == 3)
            #expect(try await MaintenanceRecord.find(keti.recordID, on: app.db)?.evidenceDigest.isEmpty == false)
            #expect(try await VisitConfirmation.find(keti.requireID(), on: app.db)?.isSigned == true)
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)
            #expect(try await ElevatorLocation.find(keti.elevatorFilingID, on: app.db)?.source == .checkIns)
            #expect(try await ElevatorSafetyCode.find(keti.elevatorFilingID, on: app.db)?.generation == 1)
            let unchecked = try await MaintenanceRecord.query(on: app.db).all().filter { $0.id != keti.recordID }
            #expect(unchecked.count == 2)
            for record in unchecked {
                #expect(try await RecordFlag.query(on: app.db).filter(\.$recordID == record.requireID()).all(\.$flag) == [SiteFlag.noCheckIn.code])
            }
        }
    }

    @Test("the archive tables hold exactly the approved versions")
    func archive() async throws {
        try await TestApp.run { app, _ in
            // MUT
            _ = try await Self.runDemo(app)

            // validate: one row per approved filing, at its latest version
            #expect(try await ArchivedCompany.query(on: app.db).count() == 2)
            #expect(try await ArchivedStaff.query(on: app.db).count() == 8)
            #expect(try await ArchivedElevator.query(on: app.db).count() == 15)
            for f in try await Filing.query(on: app.db).all() {
                let id = try f.requireID()
                let version: Int? = switch f.kind {
                case .company: try await ArchivedCompany.find(id, on: app.db)?.version
                case .staff: try await ArchivedStaff.find(id, on: app.db)?.version
                case .elevator: try await ArchivedElevator.find(id, on: app.db)?.version
                }
                #expect(version == (f.archivedVersion == 0 ? nil : f.archivedVersion), "\(f.subject)")
            }

            // validate: 3.2's row, and the approved — not the working — values of changed records.
            let company = try #require(try await ArchivedCompany.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first())
            #expect([company.certificateNo, company.certificateIssued, company.certificateExpires, company.regionName, company.officeAddress]
                    == ["TS3344A12-2011", "2013-05-06", "2016-09-08", "河南省郑州市巩义市", "巩义市人民路34号"])
            #expect(try await ArchivedStaff.query(on: app.db).filter(\.$name == "牛星").first()?.phone == "13013278094")
            #expect(try await ArchivedStaff.query(on: app.db).filter(\.$name == "牛光耀").first()?.certificateNo == "TF2012-04671")
            #expect(try await ArchivedStaff.query(on: app.db).filter(\.$name == "马金磊").first() == nil)
            let reinspected = try #require(try await ArchivedElevator.query(on: app.db).filter(\.$registrationCode == "31104114002013100").first())
            #expect(reinspected.version == 2)
            #expect(reinspected.inspectionDate == "2013-09-05" && reinspected.nextInspectionDate == "2014-09-05")
            let renamed = try #require(try await ArchivedElevator.query(on: app.db).filter(\.$registrationCode == "31104114002015070").first())
            #expect(renamed.userUnit == "虞城县诚信小区")
            let handEntered = try #require(try await ArchivedElevator.query(on: app.db).filter(\.$registrationCode == "31149912345611789").first())
            #expect(handEntered.safetyManagerPhone == "13213216688")
            #expect(handEntered.regionName == "河南省郑州市巩义市")
        }
    }

    @Test("a second run, or a run on a database with data, changes nothing")
    func refusesNonEmpty() async throws {
        try await TestApp.run { app, _ in
            // setup
            _ = try await Self.runDemo(app)
            let filings = try await Filing.query(on: app.db).count()
            let users = try await User.query(on: app.db).count()

            // MUT
            let error = try await #require(throws: AppConfig.Invalid.self) { try await Self.runDemo(app) }

            // validate
            #expect(error.description.contains("只能载入空数据库"))
            #expect(error.description.contains("维保单位 2 家"))
            #expect(try await Filing.query(on: app.db).count() == filings)
            #expect(try await User.query(on: app.db).count() == users)
        }
        try await TestApp.run { app, _ in
            // setup: only a regulator account
            _ = try await Fixtures.createAccount(app, "xxjg", role: .regulator, region: "410700")
            // MUT, validate
            await #expect(throws: AppConfig.Invalid.self) { try await Self.runDemo(app) }
            #expect(try await Company.query(on: app.db).count() == 0)
        }
    }

    @Test("with --password, the accounts log in and the pages show the manual's rows")
    func walkThrough() async throws {
        try await TestApp.run { app, _ in
            // MUT
            _ = try await Self.runDemo(app, ["--password", "Demo#2026pw"])

            // validate: the company's registers (chapter 二) and the archive (chapter 三)
            let company = TestClient(app)
            #expect(try await company.logIn("kxwbgs", "Demo#2026pw").status == .seeOther)
            let staff = try await company.get(SiteURL.staff(.list).path)
            #expect(staff.contains("马金磊") && staff.contains("TF2012-04871"))
            let archive = try await company.get(SiteURL.archive(.elevator, .list).path)
            #expect(archive.contains("31104114002013100") && archive.contains("夏邑县水岸华庭小区"))
            let reinspected = try await Self.filing(app, .elevator, subject: "曳引式客梯 31104114002013100")
            let history = try await company.get(SiteURL.archive(.elevator, .history(reinspected.id)).path)
            #expect(history.contains("2012-09-05") && history.contains("2013-09-05"))

            // validate: each regulator's queue holds the records of its region
            let shangqiu = TestClient(app)
            #expect(try await shangqiu.logIn("sqjg", "Demo#2026pw").status == .seeOther)
            #expect(try await shangqiu.get(SiteURL.reviewQueue.path + "?kind=elevator").contains("31104114002014120"))
            let zhengzhou = TestClient(app)
            #expect(try await zhengzhou.logIn("zzjg", "Demo#2026pw").status == .seeOther)
            #expect(try await zhengzhou.get(SiteURL.reviewQueue.path + "?kind=staff").contains("马金生"))
        }
    }

    @Test("--password must satisfy the password policy")
    func weakPassword() async throws {
        try await TestApp.run { app, _ in
            // MUT, validate
            await #expect(throws: AppConfig.Invalid.self) { try await Self.runDemo(app, ["--password", "abc"]) }
            let companies = try await Company.query(on: app.db).count()
            #expect(companies == 0)
        }
    }
}

/// A console that keeps what a command prints, line by line.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (200, 24) }
    var lines: [String] { lock.withLock { text.components(separatedBy: "\n") } }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lock.withLock { self.text += text.description + (newLine ? "\n" : "") } }
    func report(error: String, newLine: Bool) {}
    func clear(_ type: ConsoleClear) {}
}

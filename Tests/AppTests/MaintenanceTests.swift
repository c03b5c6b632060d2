@testable import App
import Fluent
import Foundation
import SQLKit
import Supervision
import Testing
import Vapor
import XLSX

/// Maintenance records (维保记录) and inspection records (检验记录), issue 7.
@Suite("维保记录 and 检验记录")
struct MaintenanceTests {
    typealias Archive = ArchiveTests
    typealias Elevators = ElevatorRegisterTests

    /// Staff with certificates valid around the test clock's today (2026-09-21); 王强's ends 2026-09-01.
    static let niuxing = ["name": "牛星", "job_type": "维保人员", "id_number": "410412198304120213", "certificate_no": "TS-0001",
                          "certificate_issued": "2024-01-01", "certificate_expires": "2028-01-01", "phone": "13663017321"]
    static let liwen = ["name": "李文", "job_type": "维保人员", "id_number": "410702199003071233", "certificate_no": "TS-0002",
                        "certificate_issued": "2024-01-01", "certificate_expires": "2028-01-01", "phone": "13663017322"]
    static let wangqiang = ["name": "王强", "job_type": "维保人员", "id_number": "11010519491231002X", "certificate_no": "TS-0003",
                            "certificate_issued": "2022-09-02", "certificate_expires": "2026-09-01", "phone": "13663017323"]

    struct World {
        let company: TestClient
        let regulator: TestClient
        let elevator: (record: UUID, filing: UUID)
        let niuxing: UUID, liwen: UUID, wangqiang: UUID
    }

    /// The manual's company with three approved workers and one approved 曳引式客梯 in 巩义市 (郑州).
    static func world(_ app: Application) async throws -> World {
        let company = try await Fixtures.companyClient(app)
        let regulator = try await Fixtures.regulatorClient(app)
        let n = try await Archive.approvedStaff(app, company, regulator, niuxing)
        let l = try await Archive.approvedStaff(app, company, regulator, liwen)
        let w = try await Archive.approvedStaff(app, company, regulator, wangqiang)
        let e = try await Archive.approvedElevator(app, company, regulator, Elevators.elevator())
        return World(company: company, regulator: regulator, elevator: e, niuxing: n.filing, liwen: l.filing, wangqiang: w.filing)
    }

    /// The form of a visit with every checklist item answered `result` (unless `skip` names one to leave out).
    static func form(_ app: Application, code: String = Elevators.code, date: String = "2026-09-20", level: MaintenanceLevel = .halfMonthly,
                     workers: [UUID], result: ItemResult = .normal, skip: Int? = nil,
                     extra: [(String, String)] = []) async throws -> [(String, String)] {
        let items = try await MaintenanceItem.checklist(kind: .traction, level: level, on: app.db)
        var pairs: [(String, String)] = [("registration_code", code), ("work_date", date), ("level", level.rawValue)]
        pairs += workers.map { ("workers", $0.uuidString) }
        for (n, item) in items.enumerated() where n != skip {
            pairs.append((MaintenanceInput.key(level: item.level, seq: item.seq), result.rawValue))
        }
        let given = Set(extra.map(\.0))
        pairs += [("findings", "无"), ("confirmer_name", "李明"), ("confirmer_phone", "13733877795")].filter { !given.contains($0.0) }
        return pairs + extra
    }

    /// Posts the new-record form; a success is followed to the record.
    static func file(_ client: TestClient, _ pairs: [(String, String)]) async throws -> TestClient.Page {
        try await client.get(SiteURL.maintenance(.new).path)
        let page = try await client.post(SiteURL.maintenance(.new).path, pairs: pairs)
        return page.status == .seeOther ? try await client.follow(page) : page
    }

    static func errors(_ page: TestClient.Page) -> [String] { Elevators.fieldErrors(page) }

    @Test("a half-monthly visit with two certified workers: TSG's 31 items, the record, its list and its hash chain")
    func fileRecord() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            let checklist = try await MaintenanceItem.checklist(kind: .traction, level: .halfMonthly, on: app.db)
            #expect(checklist.count == 31)
            #expect(checklist.first?.item == "机房、滑轮间环境")

            // The form shows the checklist of the chosen elevator and level, and the approved staff.
            let form = try await w.company.get(SiteURL.maintenance(.new).path + "?registration_code=\(Elevators.code)&level=半月&work_date=2026-09-20")
            #expect(form.status == .ok && form.contains("维保项目（31项）") && form.contains("牛星") && form.contains("王强"))

            let page = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, w.liwen], extra: [("findings", "曳引轮有轻微磨损，已调整")]))
            #expect(page.status == .ok && page.contains("维保记录已提交"), "\(Self.errors(page))")
            #expect(page.contains("牛星") && page.contains("李文") && page.contains("曳引轮有轻微磨损，已调整"))
            let record = try #require(try await MaintenanceRecord.query(on: app.db).first())
            #expect(record.sequence == 1 && record.previousHash.isEmpty && record.hash == MaintenanceChain.hash(of: record))
            #expect(record.itemList.count == 31 && record.workerList.map(\.name) == ["牛星", "李文"])
            #expect(record.elevatorFilingID == w.elevator.filing && record.regionCode == "410181")
            #expect(try await MaintenanceWorkerLink.query(on: app.db).countRows() == 2)

            // A second record links to the first.
            let second = try await Self.file(w.company, try await Self.form(app, date: "2026-09-21", level: .quarterly, workers: [w.niuxing, w.liwen]))
            #expect(second.contains("维保记录已提交"), "\(Self.errors(second))")
            let records = try await MaintenanceRecord.query(on: app.db).sort(\.$sequence).all()
            #expect(records.count == 2 && records[1].previousHash == records[0].hash && records[1].itemList.count == 31 + 13)
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)

            // The list, newest visit first; the regulator of 郑州 sees the same; the export holds both.
            let list = try await w.company.get(SiteURL.maintenance(.list).path)
            #expect(list.contains("共 2 条") && list.contains("2026-09-21") && list.contains("季度"))
            let regulated = try await w.regulator.get(SiteURL.maintenance(.list).path)
            #expect(regulated.contains("共 2 条") && regulated.contains("凯旋电梯维保有限公司"))
            #expect(try await w.regulator.get(SiteURL.maintenance(.view(records[0].id)).path).status == .ok)
            let export = try await Elevators.download(w.company, SiteURL.maintenance(.export).path + "?level=季度")
            #expect(export.status == .ok)
            #expect(try XLSXRows.count(export.data) == 2)  // the header and the quarterly visit

            // The elevator's 查看 (register and archive) shows its visits.
            let view = try await w.company.get(SiteURL.elevators(.view(w.elevator.record)).path)
            #expect(view.contains("维保记录 <small>共2条，最近一次：2026-09-21（季度）"))
            let archived = try await w.regulator.get(SiteURL.archive(.elevator, .view(w.elevator.filing)).path)
            #expect(archived.contains("共2条") && archived.contains("录入检验结果"))
        }
    }

    @Test("refused with the reason beside the field and the form kept: workers, certificates, checklist, date, elevator")
    func rules() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            // One worker is not enough (at least 2 on site).
            var page = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing]))
            #expect(page.status == .unprocessableEntity && Self.errors(page).contains { $0.contains("至少选择2名维保人员") })
            #expect(page.contains("维保项目（31项）") && page.contains("value=\"李明\""))
            // 王强's certificate ends 2026-09-01: valid on that day, not the day after.
            page = try await Self.file(w.company, try await Self.form(app, date: "2026-09-02", workers: [w.niuxing, w.wangqiang]))
            #expect(Self.errors(page).contains { $0.contains("王强的证书有效期至2026-09-01") })
            page = try await Self.file(w.company, try await Self.form(app, date: "2026-09-01", workers: [w.niuxing, w.wangqiang]))
            #expect(page.contains("维保记录已提交"), "\(Self.errors(page))")
            // Every item needs its result; the missing one is named.
            page = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, w.liwen], skip: 2))
            #expect(Self.errors(page).contains { $0.contains("半月第3项“驱动主机”未选") })
            // Not in the future; only the company's approved elevators.
            page = try await Self.file(w.company, try await Self.form(app, date: "2026-09-22", workers: [w.niuxing, w.liwen]))
            #expect(Self.errors(page).contains { $0.contains("维保日期不能晚于今天") })
            page = try await Self.file(w.company, try await Self.form(app, code: "31104101812015030001", workers: [w.niuxing, w.liwen]))
            #expect(Self.errors(page).contains { $0.contains("本单位没有审核通过的注册代码为 31104101812015030001 的电梯") })
            let draft = try await Elevators.addOK(app, w.company, Elevators.elevator(["registration_code": "31104101812015030002", "rescue_code": "410002"]))
            #expect(draft != w.elevator.record)
            page = try await Self.file(w.company, try await Self.form(app, code: "31104101812015030002", workers: [w.niuxing, w.liwen]))
            #expect(Self.errors(page).contains { $0.contains("本单位没有审核通过") })
            // A worker of another company cannot be named.
            page = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, UUID()]))
            #expect(Self.errors(page).contains { $0.contains("不属于本单位或尚未审核通过") })
            #expect(try await MaintenanceRecord.query(on: app.db).countRows() == 1)
        }
    }

    @Test("a filed record never changes: a correction is a new record linked to it, both shown; one correction per record")
    func amendments() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            _ = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, w.liwen]))
            let original = try #require(try await MaintenanceRecord.query(on: app.db).first())
            let before = original.hash
            // No route edits a record.
            #expect(try await w.company.post(SiteURL.maintenance(.view(original.id)).path, ["findings": "改"]).status == .notFound)

            let amendURL = SiteURL.maintenance(.amend(original.id)).path
            let form = try await w.company.get(amendURL)
            #expect(form.status == .ok && form.contains("更正原因") && form.contains("checked"))
            var pairs = try await Self.form(app, date: "2026-09-19", workers: [w.niuxing, w.liwen], result: .adjusted)
            let refused = try await w.company.post(amendURL, pairs: pairs)
            #expect(Self.errors(refused).contains { $0.contains("请填写更正原因") })
            pairs.append(("amendment_reason", "维保日期填错，应为9月19日"))
            let saved = try await w.company.follow(try await w.company.post(amendURL, pairs: pairs))
            #expect(saved.contains("更正记录已提交") && saved.contains("维保日期填错，应为9月19日") && saved.contains("已调整"))
            let correction = try #require(try await MaintenanceRecord.query(on: app.db).filter(\.$amendsID == original.requireID()).first())
            #expect(correction.workDate == "2026-09-19" && correction.sequence == 2)
            let reread = try #require(try await MaintenanceRecord.find(original.id, on: app.db))
            #expect(reread.hash == before && reread.workDate == "2026-09-20")
            #expect(try await w.company.get(SiteURL.maintenance(.view(original.id)).path).contains("本记录已于"))
            #expect(try await w.company.get(SiteURL.maintenance(.list).path).contains("已被更正"))
            // The original cannot be corrected twice; the correction can be corrected.
            let twice = try await w.company.post(amendURL, pairs: pairs)
            #expect(twice.status == .conflict && twice.contains("该记录已被更正过"))
            let again = try await w.company.post(SiteURL.maintenance(.amend(correction.id)).path, pairs: pairs)
            #expect(again.status == .seeOther)
        }
    }

    @Test("verify-records finds a record changed, removed or relinked after filing")
    func tampering() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            for date in ["2026-09-10", "2026-09-15", "2026-09-20"] {
                _ = try await Self.file(w.company, try await Self.form(app, date: date, workers: [w.niuxing, w.liwen]))
            }
            #expect(try await MaintenanceVerification.run(on: app.db).summary == "已校验1家单位的3条维保记录：全部一致")
            #expect(try await DemoCommandTests.runCommand(app, "verify-records").contains("已校验1家单位的3条维保记录：全部一致"))
            let sql = try #require(app.db as? any SQLDatabase)
            // Someone edits the stored findings of the second record.
            try await sql.raw("UPDATE maintenance_records SET findings = '无异常' WHERE sequence = 2").run()
            // `liftwatch verify-records` fails (exit 1) and names the record.
            await #expect(throws: AppError.self) { try await DemoCommandTests.runCommand(app, "verify-records") }
            var report = try await MaintenanceVerification.run(on: app.db)
            #expect(report.problems.count == 1 && report.problems[0].contains("第2条") && report.problems[0].contains("内容与哈希不符"))
            try await sql.raw("UPDATE maintenance_records SET findings = '无' WHERE sequence = 2").run()
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)
            // … or removes it (and its worker links).
            let second = try #require(try await MaintenanceRecord.query(on: app.db).filter(\.$sequence == 2).first())
            try await MaintenanceWorkerLink.query(on: app.db).filter(\.$recordID == second.requireID()).delete()
            try await second.delete(on: app.db)
            report = try await MaintenanceVerification.run(on: app.db)
            #expect(report.problems.contains { $0.contains("第3条") && $0.contains("前面的记录缺失") })
            #expect(report.problems.contains { $0.contains("第3条") && $0.contains("不衔接") })
        }
    }

    @Test("an elevator or a worker with a maintenance record can no longer be deleted or deregistered")
    func deletionBlocked() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            _ = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, w.liwen]))
            let elevator = try await Elevators.act(w.company, .delete, [w.elevator.record])
            #expect(elevator.contains("已有维保记录1条、检验记录0条，不能删除"))
            let staff = try #require(try await Filing.find(w.niuxing, on: app.db))
            let person = try await Archive.staffAction(w.company, .delete, [staff.recordID])
            #expect(person.contains("已有维保记录1条，不能删除"))
            // 王强, on no record, can still be deregistered.
            let wang = try #require(try await Filing.find(w.wangqiang, on: app.db))
            #expect(try await Archive.staffAction(w.company, .delete, [wang.recordID]).contains("注销"))
        }
    }

    @Test("nobody reads another company's records: by list, by id, by export, by correction")
    func otherCompany() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            _ = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, w.liwen]))
            let id = try #require(try await MaintenanceRecord.query(on: app.db).first()?.id)
            let other = try await Elevators.hongqiClient(app)
            #expect(try await other.get(SiteURL.maintenance(.list).path).contains("共 0 条"))
            #expect(try await other.get(SiteURL.maintenance(.view(id)).path).status == .notFound)
            #expect(try await other.get(SiteURL.maintenance(.amend(id)).path).status == .notFound)
            #expect(try await XLSXRows.count(try await Elevators.download(other, SiteURL.maintenance(.export).path).data) == 1)
            // A regulator of another region neither.
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(try await xinxiang.get(SiteURL.maintenance(.list).path).contains("共 0 条"))
            #expect(try await xinxiang.get(SiteURL.maintenance(.view(id)).path).status == .notFound)
            // Companies cannot record inspections.
            #expect(try await w.company.get(SiteURL.inspectionNew(w.elevator.filing).path).status == .forbidden)
            #expect(try await xinxiang.get(SiteURL.inspectionNew(w.elevator.filing).path).status == .notFound)
        }
    }

    @Test("an inspection result moves the archive's inspection dates as a new version in 历史, and the working record's")
    func inspection() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            let url = SiteURL.inspectionNew(w.elevator.filing).path
            #expect(try await w.regulator.get(url).contains("当前检验日期 2026-03-15"))
            var page = try await w.regulator.post(url, ["inspection_date": "2026-09-18", "conclusion": "", "inspection_body": "",
                                                        "next_inspection_date": "2026-09-01"])
            #expect(page.status == .unprocessableEntity)
            #expect(Elevators.fieldErrors(page).contains { $0.contains("请选择检验结论") } && Elevators.fieldErrors(page).contains { $0.contains("下次检验日期应晚于检验日期") })
            page = try await w.regulator.post(url, ["inspection_date": "2026-09-18", "conclusion": "合格", "inspection_body": "河南省特种设备检验技术研究院",
                                                    "next_inspection_date": "2027-09-17", "remarks": ""])
            #expect(page.status == .seeOther)
            let archived = try #require(try await ArchivedElevator.find(w.elevator.filing, on: app.db))
            #expect(archived.inspectionDate == "2026-09-18" && archived.nextInspectionDate == "2027-09-17" && archived.version == 2)
            let working = try #require(try await Elevator.find(w.elevator.record, on: app.db))
            #expect(working.inspectionDate == "2026-09-18" && working.nextInspectionDate == "2027-09-17")
            let history = try await Archive.history(w.company, .elevator, w.elevator.filing)
            #expect(history.contains("检验结论：合格（河南省特种设备检验技术研究院，检验日期2026-09-18）"))
            #expect(history.contains("2026-03-15") && history.contains("2026-09-18"))
            let view = try await w.company.get(SiteURL.archive(.elevator, .view(w.elevator.filing)).path)
            #expect(view.contains("河南省特种设备检验技术研究院") && !view.contains("录入检验结果"))
            let filing = try #require(try await Filing.find(w.elevator.filing, on: app.db))
            #expect(filing.reviewStatus == .approved && filing.infoStatus == .normal)
            let events = try await FilingEvent.query(on: app.db).filter(\.$filingID == w.elevator.filing).filter(\.$action == .recordInspection).countRows()
            #expect(events == 1)

            // While a change waits for review, no inspection is recorded (its approval would undo the dates).
            try await Archive.editElevator(w.company, w.elevator.record, Elevators.elevator(["user_unit": "新物业公司",
                "inspection_date": "2026-09-18", "next_inspection_date": "2027-09-17"]))
            #expect(try await Elevators.act(w.company, .submit, [w.elevator.record]).contains("已审核上报1台"))
            page = try await w.regulator.post(url, ["inspection_date": "2026-09-19", "conclusion": "合格", "inspection_body": "某检验机构",
                                                    "next_inspection_date": "2027-09-18"])
            #expect(page.status == .conflict && page.contains("该电梯有待审核的变更或注销"))
            // With the elevator inspected, it cannot be deleted.
            #expect(try await Elevator.deletionBlocker(w.elevator.record, on: app.db)?.contains("检验记录1条") == true)
        }
    }
}

extension MaintenanceTests {
    @Test("admins keep the item list: a changed or retired item changes later records only")
    func itemList() async throws {
        try await TestApp.run { app, _ in
            let w = try await Self.world(app)
            _ = try await Self.file(w.company, try await Self.form(app, workers: [w.niuxing, w.liwen]))
            let admin = try await ArchiveTests.adminClient(app)
            let list = try await admin.get(SiteURL.adminMaintenanceItems.path + "?kind=traction&level=半月")
            #expect(list.status == .ok && list.contains("机房、滑轮间环境") && list.contains("（31项）"))
            let first = try #require(try await MaintenanceItem.query(on: app.db).filter(\.$kind == "traction")
                .filter(\.$level == "半月").filter(\.$seq == 1).first())
            // A clash of numbers is refused beside the field; a change is saved.
            var page = try await admin.post(SiteURL.adminMaintenanceItemSave(first.id).path, ["seq": "2", "item": "机房环境", "requirement": "清洁"])
            #expect(page.status == .unprocessableEntity && Self.errors(page).contains { $0.contains("已有第2项") })
            page = try await admin.post(SiteURL.adminMaintenanceItemSave(first.id).path,
                                        ["seq": "1", "item": "机房、滑轮间环境及通道", "requirement": "清洁，门窗完好，照明正常，通道畅通"])
            #expect(page.status == .seeOther)
            // Retire item 31; add item 32.
            let last = try #require(try await MaintenanceItem.query(on: app.db).filter(\.$kind == "traction")
                .filter(\.$level == "半月").filter(\.$seq == 31).first())
            #expect(try await admin.post(SiteURL.adminMaintenanceItemToggle(last.id).path + "?kind=traction&level=半月", [:]).status == .seeOther)
            page = try await admin.post("/admin/maintenance-items/new?kind=traction&level=半月", ["seq": "32", "item": "轿厢应急照明", "requirement": "工作正常"])
            #expect(page.status == .seeOther)
            let checklist = try await MaintenanceItem.checklist(kind: .traction, level: .halfMonthly, on: app.db)
            #expect(checklist.count == 31 && checklist.first?.item == "机房、滑轮间环境及通道" && checklist.last?.item == "轿厢应急照明")
            // The filed record keeps the text it was filed with; the next one carries the new list.
            let old = try #require(try await MaintenanceRecord.query(on: app.db).first())
            #expect(old.itemList.first?.item == "机房、滑轮间环境" && old.itemList.count == 31)
            let next = try await Self.file(w.company, try await Self.form(app, date: "2026-09-21", workers: [w.niuxing, w.liwen]))
            #expect(next.contains("机房、滑轮间环境及通道") && next.contains("轿厢应急照明"))
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)
            // Only admins.
            #expect(try await w.company.get(SiteURL.adminMaintenanceItems.path).status == .forbidden)
            #expect(try await w.regulator.get(SiteURL.adminMaintenanceItems.path).status == .forbidden)
        }
    }
}

/// Counts the rows of an xlsx download's first sheet.
enum XLSXRows {
    static func count(_ data: Data) throws -> Int { try XLSXReader.read(data).rows.count }
}

@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import XLSX

@Suite("维保人员 模板下载, 导入 and 导出")
struct StaffImportTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestDatabase.packageRoot + "/Tests/AppTests/Fixtures/" + name)))
    }

    @discardableResult
    static func importFile(_ client: TestClient, _ name: String, _ data: [UInt8], dryRun: Bool = false) async throws -> TestClient.Page {
        try await client.get(SiteURL.staff(.importSheet).path)
        let page = try await client.upload(SiteURL.staff(.importSheet).path, field: "file", files: [(name, data)],
                                           fields: dryRun ? ["dry_run": "1"] : [:])
        return page.status == .seeOther ? try await client.follow(page) : page
    }

    static func bytes(_ page: TestClient.Page) -> [UInt8] { Array(page.body.utf8) }

    @Test("a sheet written by openpyxl imports: text and date cells, every date form, x as X")
    func importsGoodSheet() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.importFile(client, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"))
            #expect(page.contains("导入成功：新增3人"))
            let staff = try await StaffMember.query(on: app.db).sort(\.$name).all()
            #expect(staff.count == 3)
            let wang = try #require(staff.first { $0.name == "王强" })
            #expect(wang.idNumber == "11010519491231002X")
            #expect(wang.certificateIssued == "2013-03-14" && wang.certificateExpires == "2017-03-14")
            let li = try #require(staff.first { $0.name == "李文" })
            #expect(li.certificateIssued == "2013-04-16")
            let niu = try #require(staff.first { $0.name == "牛光耀" })
            #expect(niu.certificateIssued == "2013-07-03" && niu.certificateExpires == "2017-07-03" && niu.phone == "13313207868")
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .staff).filter(\.$reviewStatus == .draft).count() == 3)
            #expect(try await FilingEvent.query(on: app.db).filter(\.$action == .create).count() == 4)
        }
    }

    @Test("one bad row: nothing is imported; the report names row, column, value and reason; the sheet comes back with 错误原因")
    func allOrNothing() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.importFile(client, "有错误.xlsx", try Self.fixture("staff_bad_openpyxl.xlsx"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("所有数据均未导入"))
            #expect(page.contains("第2行") && page.contains("校验位"))
            #expect(page.contains("第3行") && page.contains("文本格式"))
            #expect(page.contains("第5行") && page.contains("与第4行的身份证号重复"))
            #expect(page.contains("第6行") && page.contains("联系方式"))
            #expect(try await StaffMember.query(on: app.db).count() == 0)

            let link = try #require(page.body.firstMatch(of: /href="(\/import-reports\/[0-9A-F-]+)"/).map { String($0.1) })
            let raw = try await app.testing().sendRequest(.GET, link, headers: ["Cookie": "liftwatch_session=\(client.cookie!)"])
            #expect(raw.status == .ok)
            let sheet = try XLSXReader.read(Data(raw.body.readableBytesView))
            #expect(sheet.rows.first?.cells.values.contains(.text("错误原因")) == true)
            let reasons = sheet.rows.dropFirst().compactMap { $0.cells[7] }
            #expect(reasons.count == 4)

            // Another company cannot fetch the report.
            try await Fixtures.register(app, Fixtures.hongqi())
            let other = TestClient(app)
            try await other.logIn("hqdt", Fixtures.password)
            #expect(try await other.get(link).status == .notFound)
        }
    }

    @Test("a failure in the middle of an import leaves nothing behind")
    func crashLeavesNothing() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            // The history table gone: the staff rows go in, then their history fails, and all of it is rolled back.
            try await (app.db as! any SQLDatabase).raw("ALTER TABLE filing_events RENAME TO filing_events_gone").run()
            let page = try await Self.importFile(client, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"))
            #expect(page.status == .internalServerError)
            #expect(try await StaffMember.query(on: app.db).count() == 0)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .staff).count() == 0)
        }
    }

    @Test("预检 shows the outcome and imports nothing")
    func dryRun() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.importFile(client, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"), dryRun: true)
            #expect(page.contains("预检通过") && page.contains("新增3人"))
            #expect(try await StaffMember.query(on: app.db).count() == 0)
        }
    }

    @Test("a person already on the register is updated (更改 after approval), not duplicated; a CSV with BOM works")
    func upsert() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.importFile(client, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"))
            let li = try #require(try await StaffMember.query(on: app.db).filter(\.$name == "李文").first())
            let filing = try #require(try await Filing.query(on: app.db).filter(\.$recordID == li.requireID()).first())
            try await client.get(SiteURL.staff(.list).path)
            try await client.post(SiteURL.staff(.submit).path, ["ids[0]": li.requireID().uuidString])
            let regulator = try await Fixtures.regulatorClient(app)
            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision + 1)])

            let csv = "\u{FEFF}姓名,工种,身份证号,证书号,发证日期,有效日期,联系方式\r\n李文,电梯维护人员,432413198008103218,TF2015-04112,2013-04-16,2017-04-16,13213200000\r\n"
            let page = try await Self.importFile(client, "更新.csv", Array(csv.utf8))
            #expect(page.contains("新增0人，更新1人"))
            #expect(try await StaffMember.query(on: app.db).count() == 3)
            #expect(try await StaffMember.find(li.id, on: app.db)?.phone == "13213200000")
            let after = try #require(try await Filing.find(filing.id, on: app.db))
            #expect(after.state == .init(review: .draft, info: .changed))
        }
    }

    @Test("people filed by another company are refused, without naming it")
    func otherCompanysPeople() async throws {
        try await TestApp.run { app, _ in
            let first = try await Fixtures.companyClient(app)
            try await Self.importFile(first, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"))
            try await Fixtures.register(app, Fixtures.hongqi())
            let second = TestClient(app)
            try await second.logIn("hqdt", Fixtures.password)
            let page = try await Self.importFile(second, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"))
            #expect(page.contains(StaffValidator.heldByOther) && page.contains("所有数据均未导入"))
            #expect(!page.contains("凯旋电梯维保有限公司"), "who employs the person is not said")
            #expect(try await StaffMember.query(on: app.db).count() == 3)
        }
    }

    @Test("not a spreadsheet, or missing a required column: a clear refusal")
    func refusals() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let notXLSX = try await Self.importFile(client, "人员.xlsx", Array("just text".utf8))
            #expect(notXLSX.contains("不是有效的 .xlsx 表格"))
            let missing = try await Self.importFile(client, "人员.csv", Array("姓名,工种\n张三,维保人员\n".utf8))
            #expect(missing.contains("缺少必填列") && missing.contains("身份证号"))
        }
    }

    @Test("the template has the register's columns; the export of the query imports back unchanged")
    func templateAndRoundTrip() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let template = try await app.testing().sendRequest(.GET, SiteURL.staff(.template).path,
                                                              headers: ["Cookie": "liftwatch_session=\(client.cookie!)"])
            let book = try XLSXReader.read(Data(template.body.readableBytesView))
            let titles = (0..<7).compactMap { book.rows.first?.cells[$0] }
            #expect(titles == ["姓名", "工种", "身份证号", "证书号", "发证日期", "有效日期", "联系方式"].map { .text($0) })

            try await Self.importFile(client, "人员.xlsx", try Self.fixture("staff_good_openpyxl.xlsx"))
            let export = try await app.testing().sendRequest(.GET, SiteURL.staff(.export).path,
                                                            headers: ["Cookie": "liftwatch_session=\(client.cookie!)"])
            #expect(export.status == .ok)
            let exported = [UInt8](export.body.readableBytesView)
            let rows = try XLSXReader.read(Data(exported)).rows
            #expect(rows.count == 4)
            let before = try await StaffMember.query(on: app.db).sort(\.$idNumber).all().map { $0.snapshot() }
            let events = try await FilingEvent.query(on: app.db).count()
            let page = try await Self.importFile(client, "导出.xlsx", exported)
            #expect(page.contains("新增0人，更新0人") && page.contains("3人无变化"))
            #expect(try await StaffMember.query(on: app.db).sort(\.$idNumber).all().map { $0.snapshot() } == before)
            #expect(try await FilingEvent.query(on: app.db).count() == events)

            // The export follows the query.
            let filtered = try await app.testing().sendRequest(.GET, SiteURL.staff(.export).path + "?name=" + "王".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                                                              headers: ["Cookie": "liftwatch_session=\(client.cookie!)"])
            #expect(try XLSXReader.read(Data(filtered.body.readableBytesView)).rows.count == 2)
        }
    }

    @Test("10,000 rows import in one go")
    func tenThousand() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("staff-\(UUID()).xlsx")
            defer { try? FileManager.default.removeItem(at: url) }
            let writer = try XLSXWriter(sheetName: "人员", columns: Register.staff.columns.map(RegisterSpreadsheets.xlsxColumn), to: url)
            for i in 0..<10_000 {
                let first17 = String(format: "1101051980%02d%02d%03d", i / 28000 % 12 + 1, i / 1000 % 28 + 1, i % 1000)
                let id = first17 + String(ResidentIDNumber_check(first17))
                try writer.append([.text("人员\(i)"), .text("电梯维护人员"), .text(id), .text("TF\(i)"), .text("2014-09-01"),
                                   .text("2018-09-01"), .text(String(format: "139%08d", i))])
            }
            try writer.finish()
            let page = try await Self.importFile(client, "一万人.xlsx", [UInt8](try Data(contentsOf: url)))
            #expect(page.contains("新增10000人"))
            #expect(try await StaffMember.query(on: app.db).count() == 10_000)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .staff).count() == 10_000)
        }
    }
}

@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import XLSX

@Suite("电梯信息 模板下载, 导入 and 导出")
struct ElevatorImportTests {
    /// The template's columns, A to K (manual 2.3.2, then the optional 救援电梯编号 and 安装地址).
    static let columns = ["设备名称", "注册代码", "内部编号", "检验日期", "下次检验日期", "责任单位", "制造单位", "安全管理员",
                          "安全管理员电话", "救援电梯编号", "安装地址"]
    static let csvHeader = columns.joined(separator: ",") + "\r\n"

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestDatabase.packageRoot + "/Tests/AppTests/Fixtures/" + name)))
    }

    /// Uploads a sheet on the import page; a success that goes back to the list is followed.
    @discardableResult
    static func importFile(_ client: TestClient, _ name: String, _ data: [UInt8], dryRun: Bool = false) async throws -> TestClient.Page {
        try await client.get(SiteURL.elevators(.importSheet).path)
        let page = try await client.upload(SiteURL.elevators(.importSheet).path, field: "file", files: [(name, data)],
                                           fields: dryRun ? ["dry_run": "1"] : [:])
        return page.status == .seeOther ? try await client.follow(page) : page
    }

    struct Problem: Equatable, CustomStringConvertible {
        let row: Int, column: String, value: String, reason: String
        var description: String { "第\(row)行 \(column) [\(value)] \(reason)" }
    }

    /// The rows of the import page's table `id` (import-problems, import-warnings).
    static func table(_ page: TestClient.Page, _ id: String) -> [Problem] {
        guard let start = page.body.range(of: "id=\"\(id)\"") else { return [] }
        let rest = page.body[start.upperBound...]
        let body = rest[..<(rest.range(of: "</table>")?.lowerBound ?? rest.endIndex)]
        return body.matches(of: /<tr><td[^>]*>第(\d+)行<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td><\/tr>/).map {
            Problem(row: Int($0.1)!, column: String($0.2), value: String($0.3), reason: String($0.4))
        }
    }

    static func elevator(_ app: Application, _ code: String) async throws -> Elevator {
        try #require(try await Elevator.query(on: app.db).filter(\.$registrationCode == code).first())
    }

    static func csv(_ rows: [[String]]) -> [UInt8] {
        Array(("\u{FEFF}" + csvHeader + rows.map { $0.joined(separator: ",") + "\r\n" }.joined()).utf8)
    }

    /// A CSV row of the template's columns, from a valid elevator with `changes` by column title.
    static func row(_ code: String, _ changes: [String: String] = [:]) -> [String] {
        var values = ["设备名称": "乘客电梯", "注册代码": code, "内部编号": "", "检验日期": "2025-09-02", "下次检验日期": "2026-09-01",
                      "责任单位": "郎莫物业有限公司", "制造单位": "上海三菱电梯有限公司", "安全管理员": "李明",
                      "安全管理员电话": "13733877795", "救援电梯编号": "", "安装地址": ""]
        for (k, v) in changes { values[k] = v }
        return columns.map { values[$0]! }
    }

    static func snapshots(_ app: Application) async throws -> [FilingSnapshot] {
        try await Elevator.query(on: app.db).sort(\.$registrationCode).all().map { $0.snapshot() }
    }

    // MARK: 导入

    @Test("a sheet written by openpyxl imports: 17- and 20-digit codes, date cells and text dates, numbers in text columns; warnings shown")
    func importsGoodSheet() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.importFile(client, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"))
            // Warnings keep the clerk on the page to read them.
            #expect(page.status == .ok)
            #expect(page.contains("导入成功：新增4台，更新0台") && page.contains("有2处提示"))
            let warnings = Self.table(page, "import-warnings")
            #expect(warnings.count == 2, "\(warnings)")
            #expect(warnings.contains { $0.row == 5 && $0.column == "设备名称" && $0.value == "观光电梯" && $0.reason.contains("不在数据字典中") })
            #expect(warnings.contains { $0.row == 5 && $0.column == "注册代码" && $0.reason.contains("991234不在区划代码表中") })
            #expect(Self.table(page, "import-problems").isEmpty)

            #expect(try await Elevator.query(on: app.db).count() == 4)
            let e1 = try await Self.elevator(app, "31104107022014075069")
            #expect(e1.equipmentName == "曳引式客梯" && e1.internalNo == "1号梯")
            #expect(e1.inspectionDate == "2026-03-15" && e1.nextInspectionDate == "2027-03-14", "date cells")
            #expect(e1.userUnit == "郎莫物业有限公司" && e1.manufacturer == "上海三菱电梯有限公司" && e1.safetyManager == "李明")
            #expect(e1.safetyManagerPhone == "13733877795" && e1.rescueCode == "410001" && e1.address == "巩义市人民路34号")
            let e2 = try await Self.elevator(app, "31104101812015030012")
            #expect(e2.inspectionDate == "2025-09-02" && e2.nextInspectionDate == "2026-09-01", "2025/9/2 and 2026年9月1日")
            #expect(e2.safetyManagerPhone == "0373-1234567" && e2.rescueCode == "41002" && e2.internalNo == "")
            let e3 = try await Self.elevator(app, "31104114002014010")
            #expect(e3.inspectionDate == "2025-10-08" && e3.nextInspectionDate == "2026-10-07", "2025.10.8 and a date cell")
            #expect(e3.safetyManagerPhone == "13903731234", "a phone stored as a number")
            #expect(e3.rescueCode == nil && e3.address == "" && e3.safetyManager == "")
            let e4 = try await Self.elevator(app, "31109912345611789")
            #expect(e4.equipmentName == "观光电梯" && e4.inspectionDate == "2026-01-05" && e4.nextInspectionDate == "2027-01-04")

            // A new elevator from a sheet stands in the company's region.
            let all = try await Elevator.query(on: app.db).all()
            #expect(all.allSatisfy { $0.regionCode == "410181" && $0.regionName == "河南省郑州市巩义市" })
            let filings = try await Filing.query(on: app.db).filter(\.$kind == .elevator).all()
            #expect(filings.count == 4)
            #expect(filings.allSatisfy { $0.state == .init(review: .draft, info: .new) && $0.regionCode == "410181" })
            #expect(Set(filings.map(\.recordID)) == Set(all.compactMap(\.id)))
            let created = try await FilingEvent.query(on: app.db).filter(\.$filingID ~~ filings.compactMap(\.id)).filter(\.$action == .create).count()
            #expect(created == 4)

            let list = try await ElevatorRegisterTests.list(client)
            #expect(list.contains("共 4 条") && ElevatorRegisterTests.listed(list, "31104114002014010"))
        }
    }

    @Test("one bad row: nothing is imported; the report names row, column, value and reason; the sheet comes back with 错误原因")
    func allOrNothing() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.importFile(client, "有错误.xlsx", try Self.fixture("elevators_bad_openpyxl.xlsx"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("共15行，发现14处错误，所有数据均未导入"))
            let problems = Self.table(page, "import-problems")
            let expected: [(Int, String, String)] = [
                (2, "注册代码", "请将该列设置为文本格式"),
                (3, "注册代码", "请将该列设置为文本格式"),
                (4, "注册代码", "现为16位"),
                (6, "注册代码", "与第5行的注册代码重复"),
                (7, "下次检验日期", "下次检验日期应晚于检验日期"),
                (8, "安全管理员电话", "电话号码应为11位手机号码"),
                (9, "救援电梯编号", "救援电梯编号应为5–6位数字"),
                (10, "责任单位", "请填写责任单位"),
                (11, "救援电梯编号", "与第5行的救援电梯编号重复"),
                (12, "注册代码", "应以3开头"),
                (13, "检验日期", "检验日期不能晚于今天"),
                (14, "注册代码", "现为18位"),
                (15, "注册代码", "现为19位"),
                (16, "注册代码", "只能包含数字"),
            ]
            for (row, column, reason) in expected {
                #expect(problems.contains { $0.row == row && $0.column == column && $0.reason.contains(reason) },
                        "第\(row)行 \(column) \(reason) not in \(problems)")
            }
            #expect(problems.count == expected.count, "\(problems)")
            #expect(!problems.contains { $0.row == 5 })
            // The number Excel made of a code, shown as the clerk sees it; the typed scientific form as typed.
            #expect(problems.contains { $0.row == 2 && $0.value == "31104114002014000" && $0.reason.contains("末尾数字已丢失") })
            #expect(problems.contains { $0.row == 3 && $0.value == "3.11041140020140E+16" && $0.reason.contains("科学计数法") })
            #expect(problems.contains { $0.row == 6 && $0.value == "31104107022014075069" })
            #expect(try await Elevator.query(on: app.db).count() == 0)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .elevator).count() == 0)

            // The returned sheet: the upload as it was, with the reasons in an added column L.
            let link = try #require(page.body.firstMatch(of: /href="(\/import-reports\/[0-9A-F-]+)"/).map { String($0.1) })
            let report = try await ElevatorRegisterTests.download(client, link)
            #expect(report.status == .ok)
            let sheet = try XLSXReader.read(report.data)
            #expect(ElevatorRegisterTests.texts(sheet.rows[0], count: 12) == Self.columns + ["错误原因"])
            #expect(sheet.rows.count == 16)
            let byRow = Dictionary(uniqueKeysWithValues: sheet.rows.dropFirst().map { ($0.number, ElevatorRegisterTests.texts($0, count: 12)) })
            #expect(byRow[2]?[1] == "31104114002014000" && byRow[2]?[11].contains("注册代码：") == true)
            #expect(byRow[3]?[1] == "3.11041140020140E+16")
            #expect(byRow[5]?[11] == "", "the good row has no reason")
            #expect(byRow[10]?[11].contains("责任单位：请填写责任单位") == true)
            #expect(byRow.values.filter { !$0[11].isEmpty }.count == 14)

            // 预检 of the same sheet reports the same and says nothing about importing.
            let dry = try await Self.importFile(client, "有错误.xlsx", try Self.fixture("elevators_bad_openpyxl.xlsx"), dryRun: true)
            #expect(Self.table(dry, "import-problems") == problems)

            // Another company cannot fetch the report.
            let other = try await ElevatorRegisterTests.hongqiClient(app)
            #expect(try await other.get(link).status == .notFound)
        }
    }

    @Test("预检 shows the outcome and imports nothing")
    func dryRun() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.importFile(client, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"), dryRun: true)
            #expect(page.status == .ok)
            #expect(page.contains("预检通过，共4行：导入后将新增4台，更新0台") && page.contains("尚未导入任何数据"))
            #expect(try await Elevator.query(on: app.db).count() == 0)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .elevator).count() == 0)
        }
    }

    @Test("an elevator already on the register is updated by its code (更改 after approval), not duplicated; one under review is refused")
    func upsert() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.importFile(client, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"))
            let e2 = try await Self.elevator(app, "31104101812015030012")
            let id = try e2.requireID()
            try await ElevatorRegisterTests.act(client, .submit, [id])
            let regulator = try await Fixtures.regulatorClient(app)
            try await ElevatorRegisterTests.approve(app, regulator, id)

            let update = Self.csv([Self.row("31104101812015030012", ["责任单位": "巩义市新物业公司", "安全管理员电话": "0371-64321234",
                                                                     "救援电梯编号": "41002", "设备名称": "乘客电梯", "安全管理员": "王芳",
                                                                     "安装地址": "巩义市杜甫路8号"])])
            let page = try await Self.importFile(client, "更新.csv", update)
            #expect(page.contains("导入成功：新增0台，更新1台"), "\(Self.table(page, "import-problems"))")
            #expect(try await Elevator.query(on: app.db).count() == 4)
            let after = try #require(try await Elevator.find(id, on: app.db))
            #expect(after.userUnit == "巩义市新物业公司" && after.safetyManagerPhone == "0371-64321234")
            #expect(after.regionCode == "410181")
            let filing = try await ElevatorRegisterTests.filing(app, id)
            #expect(filing.state == .init(review: .draft, info: .changed))
            #expect(try await filing.archivedSnapshot(on: app.db)?.value("user_unit") == "巩义市万达物业管理有限公司")

            // One under review: the whole sheet is refused, the new row too.
            try await ElevatorRegisterTests.act(client, .submit, [id])
            let refused = try await Self.importFile(client, "审核中.csv", Self.csv([
                Self.row("31104101812015030012", ["责任单位": "又一家物业公司"]),
                Self.row("31104101812015039999"),
            ]))
            #expect(refused.status == .unprocessableEntity)
            #expect(Self.table(refused, "import-problems").contains { $0.row == 2 && $0.column == "注册代码" && $0.reason.contains("正在审核中") })
            #expect(try await Elevator.query(on: app.db).count() == 4)
            #expect(try await Elevator.find(id, on: app.db)?.userUnit == "巩义市新物业公司")
        }
    }

    @Test("elevators filed by another company are refused without naming it (预检 too); so is a rescue code another company's elevator has")
    func otherCompanysElevators() async throws {
        try await TestApp.run { app, _ in
            let first = try await Fixtures.companyClient(app)
            try await Self.importFile(first, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"))
            let second = try await ElevatorRegisterTests.hongqiClient(app)
            let page = try await Self.importFile(second, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"))
            #expect(page.status == .unprocessableEntity && page.contains("所有数据均未导入"))
            let problems = Self.table(page, "import-problems")
            #expect(problems.filter { $0.column == "注册代码" && $0.reason == ElevatorValidator.heldByOther }.count == 4, "\(problems)")
            #expect(!page.contains("凯旋"))
            let dryRun = try await Self.importFile(second, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"), dryRun: true)
            #expect(dryRun.status == .unprocessableEntity && dryRun.contains("其他维保单位"))
            #expect(!dryRun.contains("凯旋"))

            let rescue = try await Self.importFile(second, "救援.csv", Self.csv([Self.row("31104107022014070001", ["救援电梯编号": "410001"])]))
            #expect(rescue.status == .unprocessableEntity)
            #expect(Self.table(rescue, "import-problems").contains {
                $0.row == 2 && $0.column == "救援电梯编号" && $0.reason.contains("该救援电梯编号已被其他电梯使用")
            })
            // Its own rescue code on a new elevator of the same company is refused as well.
            let own = try await Self.importFile(first, "救援.csv", Self.csv([Self.row("31104101812015039999", ["救援电梯编号": "410005"])]))
            #expect(own.status == .unprocessableEntity && own.contains("该救援电梯编号已被其他电梯使用"))

            let companies = Set(try await Elevator.query(on: app.db).all().map(\.companyID))
            #expect(try await Elevator.query(on: app.db).count() == 4 && companies.count == 1)
        }
    }

    @Test("not a spreadsheet, or missing a required column: a clear refusal; the optional J and K may be left out")
    func refusals() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let notXLSX = try await Self.importFile(client, "电梯.xlsx", Array("just text".utf8))
            #expect(notXLSX.contains("不是有效的 .xlsx 表格"))
            let missing = try await Self.importFile(client, "电梯.csv", Array("设备名称,注册代码\n乘客电梯,31104101812015035069\n".utf8))
            #expect(missing.contains("缺少必填列") && missing.contains("检验日期") && missing.contains("制造单位"))
            #expect(!missing.contains("缺少必填列：设备名称"))
            #expect(try await Elevator.query(on: app.db).count() == 0)

            let nineColumns = Self.columns.prefix(9).joined(separator: ",") + "\r\n"
                + Self.row("31104101812015035069").prefix(9).joined(separator: ",") + "\r\n"
            let page = try await Self.importFile(client, "A到I.csv", Array(nineColumns.utf8))
            #expect(page.contains("导入成功：新增1台"))
            #expect(try await Self.elevator(app, "31104101812015035069").rescueCode == nil)
        }
    }

    // MARK: 模板下载, 导出

    @Test("模板下载: columns exactly A 设备名称 … K 安装地址, read back with our reader")
    func template() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let download = try await ElevatorRegisterTests.download(client, SiteURL.elevators(.template).path)
            #expect(download.status == .ok)
            let book = try XLSXReader.read(download.data)
            #expect(book.sheetName == "电梯信息")
            #expect(book.rows.count == 1)
            let header = try #require(book.rows.first)
            #expect(header.number == 1)
            let letters = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]
            for (i, title) in Self.columns.enumerated() {
                #expect(header.cells[i] == .text(title), "column \(letters[i]) should be \(title)")
            }
            #expect(header.cells.count == 11 && header.cells[11] == nil)
            // What the template holds imports: its header is accepted.
            let empty = try await Self.importFile(client, "模板.xlsx", [UInt8](download.data))
            #expect(empty.contains("表格中没有数据行"))
        }
    }

    @Test("the export of the current query imports back unchanged")
    func exportRoundTrip() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.importFile(client, "电梯.xlsx", try Self.fixture("elevators_good_openpyxl.xlsx"))
            let export = try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path)
            #expect(export.status == .ok)
            let rows = try XLSXReader.read(export.data).rows
            #expect(rows.count == 5)
            #expect(ElevatorRegisterTests.texts(rows[0], count: 15) == ["审核状态", "信息状态", "审核意见"] + Self.columns + [""])
            let e2 = try #require(rows.first { $0.cells[4] == .text("31104101812015030012") })
            let stored = try await Self.elevator(app, "31104101812015030012")
            #expect(ElevatorRegisterTests.texts(e2, count: 14) == ["待上报", "新增", "", "乘客电梯", "31104101812015030012", "", "2025-09-02",
                                                                    "2026-09-01", "巩义市万达物业管理有限公司", stored.manufacturer,
                                                                    "王芳", "0373-1234567", "41002", "巩义市杜甫路8号"])

            let before = try await Self.snapshots(app)
            let events = try await FilingEvent.query(on: app.db).count()
            let page = try await Self.importFile(client, "导出.xlsx", [UInt8](export.data))
            #expect(page.contains("新增0台，更新0台，4台无变化"), "\(Self.table(page, "import-problems"))")
            #expect(try await Self.snapshots(app) == before)
            #expect(try await FilingEvent.query(on: app.db).count() == events)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .elevator).filter(\.$infoStatus == .new).count() == 4)

            // The export follows the query.
            let byCode = try XLSXReader.read(try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path + "?registration_code=75069").data).rows
            #expect(byCode.count == 2 && byCode[1].cells[4] == .text("31104107022014075069"))
            let byRescue = try XLSXReader.read(try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path + "?rescue_code=41002").data).rows
            #expect(byRescue.count == 2 && byRescue[1].cells[4] == .text("31104101812015030012"))
            // The list's 导出 button carries the query.
            let list = try await ElevatorRegisterTests.list(client, "?registration_code=75069")
            #expect(list.contains(SiteURL.elevators(.export).path + "?registration_code=75069"))
        }
    }

    @Test("an elevator whose 行政区划 is not the company's round-trips unchanged and keeps its region")
    func roundTripKeepsRegion() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let id = try await ElevatorRegisterTests.addOK(app, client, ElevatorRegisterTests.elevator(["region_code": "410702"]))
            let export = try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path)
            let before = try await Self.snapshots(app)
            let events = try await FilingEvent.query(on: app.db).count()

            let dry = try await Self.importFile(client, "导出.xlsx", [UInt8](export.data), dryRun: true)
            #expect(dry.contains("导入后将新增0台，更新0台，1台无变化"), "预检 promises an update that will not happen")
            let page = try await Self.importFile(client, "导出.xlsx", [UInt8](export.data))
            #expect(page.contains("新增0台，更新0台，1台无变化"), "the import reports an update it did not make")
            #expect(try await Self.snapshots(app) == before)
            #expect(try await FilingEvent.query(on: app.db).count() == events)
            let e = try #require(try await Elevator.find(id, on: app.db))
            #expect(e.regionCode == "410702" && e.regionName == "河南省新乡市红旗区")
            #expect(try await ElevatorRegisterTests.filing(app, id).regionCode == "410702")
        }
    }

    @Test("10,000 rows import in one go")
    func tenThousand() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("elevators-\(UUID()).xlsx")
            defer { try? FileManager.default.removeItem(at: url) }
            let writer = try XLSXWriter(sheetName: "电梯信息", columns: Register.elevators.columns.map(RegisterSpreadsheets.xlsxColumn), to: url)
            for i in 0..<10_000 {
                try writer.append([.text(i % 2 == 0 ? "乘客电梯" : "自动扶梯"), .text("3110410181201503" + String(format: "%04d", i)),
                                   .text("\(i)号梯"), .text("2025-09-02"), .text("2026-09-01"), .text("郎莫物业有限公司"),
                                   .text("上海三菱电梯有限公司"), .text("李明"), .text(String(format: "139%08d", i)),
                                   .text(String(100_000 + i)), .text("巩义市人民路\(i)号")])
            }
            try writer.finish()
            let started = Date()
            let page = try await Self.importFile(client, "一万台.xlsx", [UInt8](try Data(contentsOf: url)))
            let seconds = Date().timeIntervalSince(started)
            #expect(page.contains("导入成功：新增10000台"), "\(Self.table(page, "import-problems").prefix(5))")
            #expect(try await Elevator.query(on: app.db).count() == 10_000)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .elevator).count() == 10_000)
            #expect(try await Elevator.query(on: app.db).filter(\.$rescueCode == "109999").first()?.registrationCode == "31104101812015039999")
            print("10,000 elevators imported on \(TestDatabase.engineName) in \(Int(seconds)) s")
            let found = try await ElevatorRegisterTests.list(client, "?registration_code=2015039999")
            #expect(found.contains("共 1 条") && ElevatorRegisterTests.listed(found, "31104101812015039999"))
            #expect(try await ElevatorRegisterTests.list(client).contains("共 10,000 条"))

            // The export streams all of them, each once.
            let export = try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path)
            #expect(export.status == .ok)
            let rows = try XLSXReader.read(export.data).rows
            #expect(rows.count == 10_001)
            #expect(Set(rows.dropFirst().map { ElevatorRegisterTests.texts($0, count: 5)[4] }).count == 10_000)
        }
    }
}

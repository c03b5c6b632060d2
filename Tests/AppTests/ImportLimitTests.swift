@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import XLSX

/// Hostile register sheets found by the outside security test: each refused with the limit named, in
/// words, and nothing imported.
@Suite("导入 refuses sheets past the limits")
struct ImportLimitTests {
    static let header = "姓名,工种,身份证号,证书号,发证日期,有效日期,联系方式"
    static let row = "李文,电梯维护人员,432413198008103218,TF2015-04112,2013-04-16,2017-04-16,13213200000"

    @Test("a header of 500,000 empty columns (0.5 MB) answers 422 with the column limit; nothing is imported")
    func wideHeader() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let csv = Self.header + String(repeating: ",", count: 500_000) + "\r\n" + Self.row + "\r\n"
            let page = try await StaffImportTests.importFile(client, "宽表.csv", Array(csv.utf8))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("无法导入：表格超过 256 列的上限"))
            #expect(try await StaffMember.query(on: app.db).count() == 0)
            #expect(try await Filing.query(on: app.db).count() == 1)  // the company's own
        }
    }

    @Test("a CSV of 100,001 rows answers 422 with the row limit, 70,000 (as an .xlsx does)")
    func tooManyCSVRows() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            // One name a row, so that the rows, not the cells, are what runs over.
            let csv = Self.header + "\n" + String(repeating: "李文\n", count: 100_000)
            let page = try await StaffImportTests.importFile(client, "十万行.csv", Array(csv.utf8), dryRun: true)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("表格超过 70000 行的上限，请拆分后分批导入"))
        }
    }

    @Test("an .xlsx of 100,001 rows is told the row limit, not that it is too large")
    func tooManyXLSXRows() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rows-\(UUID()).xlsx")
            defer { try? FileManager.default.removeItem(at: url) }
            let writer = try XLSXWriter(sheetName: "人员", columns: [XLSXColumn(title: "姓名", width: 10)], to: url)
            for i in 0..<100_000 { try writer.append([.text("人员\(i)")]) }
            try writer.finish()
            let page = try await StaffImportTests.importFile(client, "十万行.xlsx", [UInt8](try Data(contentsOf: url)), dryRun: true)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("表格超过 70000 行的上限，请拆分后分批导入"))
        }
    }

    @Test("the import page names the size an import takes: the upload size, within the readers' bound")
    func sizeShown() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await client.get(SiteURL.staff(.importSheet).path)
            let shown = min(app.config.uploadMaxBytes, RegisterSheetReader.limits.maxInputBytes) / 1024 / 1024
            #expect(page.contains("不超过 \(shown)MB"))
            #expect(RegisterSheetReader.bodyLimit(configured: 200 << 20) < 17 << 20)
        }
    }
}

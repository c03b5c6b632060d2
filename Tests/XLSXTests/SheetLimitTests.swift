import Foundation
import Testing
@testable import XLSX

/// The .xlsx reader refuses a sheet past a bound with the bound named, and finds it while the sheet
/// streams by, before the inflate budget that guards against bombs.
@Suite("Sheet limits in .xlsx")
struct SheetLimitTests {
    /// A sheet written by our own writer: a header and `rows - 1` rows of `columns` text cells.
    private func sheet(rows: Int, columns: Int, text: (Int, Int) -> String = { "行\($0)列\($1)" }) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(sheetName: "表", columns: (0..<columns).map { XLSXColumn(title: "列\($0)", width: 10) }, to: url)
        for row in 1..<rows { try writer.append((0..<columns).map { .text(text(row, $0)) }) }
        try writer.finish()
        return try Data(contentsOf: url)
    }

    @Test("A sheet over the row limit is told the row limit, with its number")
    func rowLimit() throws {
        let data = try sheet(rows: 2_000, columns: 3)
        var limits = XLSXLimits()
        limits.maxRows = 2_000
        #expect(try XLSXReader.read(data, limits: limits).rows.count == 2_000)
        limits.maxRows = 1_999
        let error = xlsxError { _ = try XLSXReader.read(data, limits: limits) }
        #expect(error == .overLimit(.rows(1_999)))
        #expect(error?.message == "表格超过 1999 行的上限，请拆分后分批导入")
    }

    @Test("The row limit is found while the sheet inflates: a sheet over it stops there, not at the byte budget")
    func rowLimitBeforeBudget() throws {
        // 6,000 rows of long cells: over 2 MB of XML. The budget lets the whole sheet in (so the old
        // reader, which inflated it whole first, also got that far), but the reader must stop at row 1,001.
        let data = try sheet(rows: 6_000, columns: 4) { row, column in String(repeating: "地址\(row)-\(column)", count: 8) }
        let sheetSize = try part("xl/worksheets/sheet1.xml", of: data).utf8.count
        #expect(sheetSize > 2 << 20)
        var limits = XLSXLimits()
        limits.maxRows = 1_000
        limits.maxUncompressedBytes = sheetSize + (1 << 20)
        let directory = try ZipDirectory(data: data)
        let entry = try #require(directory.entry(named: "xl/worksheets/sheet1.xml"))
        let extractor = ZipPartExtractor(directory: directory, budget: limits.maxUncompressedBytes)
        let handler = WorksheetHandler(sharedStrings: [], isDateStyle: [], uses1904: false, limits: limits)
        #expect(throws: XLSXError.overLimit(.rows(1_000))) {
            try XMLPartParser.parse(try extractor.open(entry), part: entry.path, with: handler)
        }
        // Stopped within a few chunks of row 1,001: nowhere near the whole sheet was inflated.
        #expect(limits.maxUncompressedBytes - extractor.remainingBudget < sheetSize / 4)
    }

    @Test("A value beyond the column limit, too many cells, a cell too long, and too much text are named")
    func otherLimits() throws {
        let data = try sheet(rows: 11, columns: 5) { row, column in row == 10 && column == 4 ? String(repeating: "长", count: 100) : "x" }
        var limits = XLSXLimits()
        limits.maxColumns = 4
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .overLimit(.columns(4)))
        limits = XLSXLimits()
        limits.maxCells = 49
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .overLimit(.cells(49)))
        limits = XLSXLimits()
        limits.maxCellBytes = 299
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .overLimit(.cellBytes(299, row: 11)))
        limits = XLSXLimits()
        limits.maxTextBytes = 300
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .overLimit(.textBytes(300)))
        limits = XLSXLimits()
        limits.maxInputBytes = data.count - 1
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .overLimit(.inputBytes(data.count - 1)))
    }

    @Test("A shared string table longer than the cell limit is refused")
    func sharedStrings() throws {
        var limits = XLSXLimits()
        limits.maxCells = 2
        let handler = SharedStringsHandler(limits: limits)
        #expect(throws: XLSXError.overLimit(.cells(2))) {
            try XMLPartParser.parse(Data("<sst><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>".utf8), part: "s", with: handler)
        }
    }
}

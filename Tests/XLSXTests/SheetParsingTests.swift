import Foundation
import Testing
@testable import XLSX

/// Cell values a hostile or broken sheet may hold, parsed without a zip around them.
@Suite("Sheet parsing edge cases")
struct SheetParsingTests {
    private func rows(_ sheetData: String, sharedStrings: [String] = [], dateStyles: [Bool] = []) throws -> [SheetRow] {
        let xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + sheetData + "</sheetData></worksheet>"
        let handler = WorksheetHandler(sharedStrings: sharedStrings, isDateStyle: dateStyles, uses1904: false,
                                       limits: XLSXLimits())
        try XMLPartParser.parse(Data(xml.utf8), part: "sheet.xml", with: handler)
        return handler.rows
    }

    @Test("Broken values name the cell", arguments: [
        ("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>5</v></c></row>", "单元格 B3 引用了不存在的共享字符串"),
        ("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>-1</v></c></row>", "单元格 B3 引用了不存在的共享字符串"),
        ("<row r=\"4\"><c r=\"C4\" t=\"b\"><v>yes</v></c></row>", "单元格 C4 的逻辑值无效"),
        ("<row r=\"5\"><c r=\"A5\"><v>12abc</v></c></row>", "单元格 A5 的数值无效"),
        ("<row r=\"5\"><c r=\"A5\"><v>nan</v></c></row>", "单元格 A5 的数值无效"),
        ("<row r=\"5\"><c r=\"A5\"><v>1e400</v></c></row>", "单元格 A5 的数值无效"),
    ])
    func brokenValues(sheetData: String, message: String) {
        #expect(throws: XLSXError.malformed(message)) { _ = try rows(sheetData) }
    }

    @Test("ISO dates with impossible parts stay text instead of trapping")
    func hostileISODates() throws {
        let parsed = try rows("<row><c t=\"d\"><v>2014-09-01T1e400:00</v></c><c t=\"d\"><v>2014-09-01Tnan:00</v></c>"
                              + "<c t=\"d\"><v>2023-02-30</v></c><c t=\"d\"><v>2014-09-01T08:30:15.5Z</v></c></row>")
        #expect(parsed.first?.cells[0] == .text("2014-09-01T1e400:00"))
        #expect(parsed.first?.cells[1] == .text("2014-09-01Tnan:00"))
        #expect(parsed.first?.cells[2] == .text("2023-02-30"))
        #expect(shownDate(parsed.first?.cells[3]) == day(2014, 9, 1, 8, 30, 15))
    }

    @Test("Row numbers: impossible r values fall back to counting")
    func rowNumbers() throws {
        let parsed = try rows("<row r=\"0\"><c><v>1</v></c></row><row r=\"-4\"><c><v>2</v></c></row>"
                              + "<row r=\"99999999999\"><c><v>3</v></c></row><row r=\"7\"><c><v>4</v></c></row>"
                              + "<row><c><v>5</v></c></row>")
        #expect(parsed.map(\.number) == [1, 2, 3, 7, 8])
    }

    @Test("Cells without r follow the last positioned one; values beyond are counted too")
    func cellPositions() throws {
        let parsed = try rows("<row><c r=\"C1\"><v>1</v></c><c><v>2</v></c><c r=\"A1\"><v>3</v></c><c><v>4</v></c></row>")
        #expect(parsed.first?.cells == [2: .number(1), 3: .number(2), 0: .number(3), 1: .number(4)])
    }

    @Test("Whitespace around numbers, booleans written as words, CDATA text")
    func lenientForms() throws {
        let parsed = try rows("<row><c><v> 42 </v></c><c t=\"b\"><v>true</v></c><c t=\"str\"><v><![CDATA[a<b]]></v></c>"
                              + "<c s=\"1\"><v>41883</v></c><c s=\"9\"><v>41883</v></c></row>", dateStyles: [false, true])
        #expect(parsed.first?.cells == [0: .number(42), 1: .bool(true), 2: .text("a<b"), 3: .date(serial: 41883),
                                        4: .number(41883)])
    }
}

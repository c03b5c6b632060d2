import Foundation
import Testing
@testable import XLSX

/// Files written by the programs clerks and our own tools use; see tools/fixtures/make_xlsx_fixtures.py.
@Suite("Reading real files")
struct ReaderFixtureTests {
    @Test("openpyxl: inline strings, numbers, booleans, dates, a sparse row, IDs as text and as numbers")
    func openpyxlTypes() throws {
        let book = try readFixture("openpyxl_types.xlsx")
        #expect(book.sheetName == "维保人员")
        #expect(book.uses1904 == false)
        #expect(book.rows.map(\.number) == [1, 2, 3, 5])
        #expect(try row(1, of: book)[0] == .text("姓名"))
        #expect(try row(1, of: book).count == 9)

        let second = try row(2, of: book)
        #expect(second[0] == .text("张三"))
        #expect(second[1] == .text("410412198304120213"))
        // openpyxl writes the int as 4.104121983041202e+17: a number, digits already lost.
        #expect(second[2] == .number(Double(410412198304120213 as Int64)))
        #expect(shownDate(second[3]) == day(2014, 9, 1))
        #expect(second[4] == .number(35))
        #expect(second[5] == .bool(true))
        #expect(second[6] == .number(4500.5))
        #expect(second[7] == .text("郑州市金水区"))
        #expect(shownDate(second[8]) == day(2020, 1, 2, 8, 30))

        #expect(try row(3, of: book) == [0: .text("李四"), 5: .bool(false), 7: .text("备注在H列")])

        let fifth = try row(5, of: book)
        #expect(fifth[1] == .number(0.125), "a percentage is a number, not a date")
        #expect(fifth[2] == .number(4.1041219830412e17), "the number Excel keeps for a typed 18-digit ID")
        #expect(shownDate(fifth[3]) == day(2014, 9, 1), "yyyy\"年\"m\"月\"d\"日\" is a date format")
        #expect(fifth[4] == .number(-3.25))
        #expect(fifth[6] == .number(0))
        #expect(fifth[7] == nil, "a formula without a cached value has no value")
        #expect(shownDate(fifth[8]) == DateComponents(hour: 8, minute: 30, second: 0))
    }

    @Test("LibreOffice: shared strings, its own date format, General redefined as 164, booleans")
    func libreOffice() throws {
        let book = try readFixture("libreoffice.xlsx")
        #expect(book.sheetName == "电梯台账")
        #expect(book.rows.map(\.number) == [1, 2, 3])
        #expect(try row(1, of: book) == [0: .text("注册代码"), 1: .text("载重量"), 2: .text("下次检验日期"),
                                         3: .text("在用"), 4: .text("电话"), 5: .text("注册代码")])
        let second = try row(2, of: book)
        #expect(second[0] == .text("31104114002014010"))
        #expect(second[1] == .number(1000), "style 0 uses numFmt 164, which LibreOffice declares as General")
        #expect(shownDate(second[2]) == day(2025, 9, 1))
        #expect(second[3] == .bool(true))
        #expect(second[4] == .text("0373-1234567"))
        #expect(try row(3, of: book) == [0: .text("新乡市红旗区"), 3: .bool(false), 5: .number(12.75)])
    }

    @Test("1904 date system: the flag is reported and serials convert from 1904-01-01")
    func dates1904() throws {
        let book = try readFixture("dates_1904.xlsx")
        #expect(book.uses1904)
        let second = try row(2, of: book)
        #expect(second[0] == .date(serial: 40421))
        #expect(shownDate(second[0], uses1904: true) == day(2014, 9, 1))
        #expect(shownDate(second[1], uses1904: true) == day(1904, 1, 2, 12))
    }

    @Test("openpyxl rich text: inline runs are joined, spaces kept")
    func openpyxlRichText() throws {
        let book = try readFixture("openpyxl_rich_text.xlsx")
        #expect(try row(1, of: book) == [0: .text("电梯维保 记录 "), 1: .text("普通")])
    }

    @Test("Hand-made: rich shared strings, _x000D_ escapes, phonetic runs, missing r, str/b/e/d cells")
    func handmadeCells() throws {
        let book = try readFixture("handmade_cells.xlsx")
        #expect(book.rows.map(\.number) == [1, 2, 4, 6], "row 2 has no r; row 8 holds only blanks")
        #expect(try row(1, of: book) == [0: .text("姓名"), 1: .text("张 三 "), 2: .text("第一行\r\n第二行")])
        #expect(try row(2, of: book) == [0: .text("_x000D_ 原样"), 1: .text("東京"), 2: .text("  前后空格  ")])
        #expect(try row(4, of: book) == [1: .text("内联"), 2: .text("姓名x"), 4: .bool(true), 5: .error("#N/A")])
        let sixth = try row(6, of: book)
        #expect(sixth[0] == .date(serial: 41883), "[$-804]yyyy\"年\"m\"月\"d\"日\";@")
        #expect(sixth[1] == .number(3.5), "[Red]0.00")
        #expect(sixth[2] == .number(2014), "\"yyyy\"0: the letters are quoted text")
        #expect(sixth[3] == .date(serial: 1.5), "[h]:mm")
        #expect(sixth[4] == .date(serial: 41883), "built-in 14")
        #expect(sixth[5] == .date(serial: 41883), "East Asian built-in 31")
        #expect(sixth[6] == .number(123), "a number in a text-formatted cell stays a number")
        #expect(sixth[7] == .number(0.001))
        #expect(sixth[8] == .date(serial: 41883), "t=\"d\" ISO date")
    }

    @Test("First sheet in tab order found through the relationships, wherever its part lives")
    func nonstandardPath() throws {
        let book = try readFixture("nonstandard_path.xlsx")
        #expect(book.sheetName == "电梯台账")
        #expect(book.rows == [SheetRow(number: 1, cells: [0: .text("注册代码")]),
                              SheetRow(number: 2, cells: [0: .text("31104114002014010"), 1: .number(2)])])
    }

    @Test("A 12 MB one-line sheet (over libxml2's 10 MB lookup limit) reads within the default limits")
    func largeButAllowed() throws {
        let book = try readFixture("bomb_12mb.xlsx")
        #expect(book.rows == [SheetRow(number: 1, cells: [0: .text("末尾")])])
    }

    @Test("Limits are inclusive: exactly maxRows rows and maxColumns columns are accepted")
    func limitsAtBoundary() throws {
        var limits = XLSXLimits()
        limits.maxRows = 4
        limits.maxColumns = 9
        #expect(try readFixture("openpyxl_types.xlsx", limits: limits).rows.count == 4)
    }
}

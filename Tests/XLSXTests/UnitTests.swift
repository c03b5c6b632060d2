import Foundation
import Testing
@testable import XLSX

@Suite("Date formats")
struct DateFormatTests {
    @Test("Built-in ids", arguments: [(14, true), (22, true), (45, true), (47, true), (31, true), (57, true),
                                      (0, false), (1, false), (10, false), (23, false), (44, false), (49, false)])
    func builtIn(id: Int, isDate: Bool) {
        #expect(DateFormatDetector.isDate(id: id, code: nil) == isDate)
    }

    @Test("A declared code overrides the built-in meaning (LibreOffice declares General)")
    func declaredOverrides() {
        #expect(DateFormatDetector.isDate(id: 14, code: "General") == false)
        #expect(DateFormatDetector.isDate(id: 164, code: "yyyy\\-mm\\-dd"))
    }

    @Test("Custom codes", arguments: [
        ("yyyy/m/d", true), ("yyyy-mm-dd hh:mm:ss", true), ("[$-804]yyyy\"年\"m\"月\"d\"日\";@", true),
        ("[h]:mm:ss", true), ("[mm]", true), ("h:mm AM/PM", true), ("mmm", true), ("[DBNum1][$-804]yyyy\"年\"m\"月\"", true),
        ("General", false), ("0.00", false), ("#,##0.00_);[Red](#,##0.00)", false), ("\"yyyy\"0", false),
        ("[Red]0.00", false), ("0.00%", false), ("0.00E+00", false), ("@", false), ("\\d0", false),
        ("[$¥-804]#,##0.00", false), ("0_m", false), ("\"TRUE\";\"TRUE\";\"FALSE\"", false),
    ])
    func customCodes(code: String, isDate: Bool) {
        #expect(DateFormatDetector.isDateCode(code) == isDate)
    }
}

@Suite("Excel serial dates")
struct ExcelDateTests {
    @Test("1900 system, around the phantom 1900-02-29", arguments: [
        (1.0, day(1900, 1, 1)), (59.0, day(1900, 2, 28)), (61.0, day(1900, 3, 1)), (41883.0, day(2014, 9, 1)),
        (45901.5, day(2025, 9, 1, 12)), (2_958_465.0, day(9999, 12, 31)),
    ])
    func system1900(serial: Double, expected: DateComponents) {
        #expect(ExcelDate.components(serial: serial, uses1904: false) == expected)
        #expect(ExcelDate.serial(year: expected.year!, month: expected.month!, day: expected.day!,
                                 hour: expected.hour!, uses1904: false) == serial)
    }

    @Test("1904 system starts at 0 = 1904-01-01")
    func system1904() {
        #expect(ExcelDate.components(serial: 0, uses1904: true) == day(1904, 1, 1))
        #expect(ExcelDate.components(serial: 40421, uses1904: true) == day(2014, 9, 1))
        #expect(ExcelDate.serial(year: 2014, month: 9, day: 1, uses1904: true) == 40421)
    }

    @Test("Serials that are not dates")
    func invalid() {
        #expect(ExcelDate.components(serial: 60, uses1904: false) == nil)
        #expect(ExcelDate.components(serial: -1, uses1904: false) == nil)
        #expect(ExcelDate.components(serial: .nan, uses1904: false) == nil)
        #expect(ExcelDate.components(serial: 2_958_466, uses1904: false) == nil)
        #expect(ExcelDate.components(serial: 0.75, uses1904: false) == DateComponents(hour: 18, minute: 0, second: 0))
        #expect(ExcelDate.components(serial: 41883.999_999_9, uses1904: false) == day(2014, 9, 2))
        #expect(ExcelDate.serial(year: 2023, month: 2, day: 29) == nil)
        #expect(ExcelDate.serial(year: 1899, month: 12, day: 31) == nil)
        #expect(ExcelDate.serial(year: 1903, month: 12, day: 31, uses1904: true) == nil)
    }
}

@Suite("Small pieces")
struct PieceTests {
    @Test("_xHHHH_ decoding", arguments: [
        ("a_x000D_b", "a\rb"), ("_x005F_x000D_", "_x000D_"), ("_x000d_", "\r"), ("_x00", "_x00"), ("_xZZZZ_", "_xZZZZ_"),
        ("无转义", "无转义"), ("_x4E2D_", "中"), ("_xD800_", "_xD800_"),
    ])
    func decode(input: String, expected: String) {
        #expect(OOXMLEscape.decode(input) == expected)
    }

    @Test("_xHHHH_ encoding round-trips")
    func encode() {
        #expect(OOXMLEscape.encode("a\rb\u{1}") == "a\rb_x0001_")
        #expect(OOXMLEscape.encode("_x000D_") == "_x005F_x000D_")
        #expect(OOXMLEscape.encode("a_b\tc\nd") == "a_b\tc\nd")
        for text in ["_x005F_", "__x0041__", "x\u{FFFE}y"] { #expect(OOXMLEscape.decode(OOXMLEscape.encode(text)) == text) }
    }

    @Test("Relationship targets", arguments: [
        ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("../data/first.xml", "custom/book.xml", "data/first.xml"),
        ("./a/../b.xml", "xl/workbook.xml", "xl/b.xml"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
        ("sheet%201.xml", "xl/workbook.xml", "xl/sheet 1.xml"),
    ])
    func resolve(target: String, source: String, expected: String) {
        #expect(PartPath.resolve(target, from: source) == expected)
    }

    @Test("Relationship part names")
    func relationshipParts() {
        #expect(PartPath.relationships(of: "") == "_rels/.rels")
        #expect(PartPath.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    }

    @Test("Column letters", arguments: [("A1", 0), ("Z9", 25), ("AA10", 26), ("az3", 51), ("XFD1", 16_383), ("1", nil)])
    func columns(reference: String, column: Int?) {
        #expect(CellReference.column(of: reference) == column)
        if let column { #expect(CellReference.letters(forColumn: column) == reference.uppercased().filter(\.isLetter)) }
    }

    @Test("Hostile column letters do not overflow")
    func longLetters() {
        #expect(CellReference.column(of: String(repeating: "Z", count: 40) + "1")! > 16_384)
    }

    @Test("Numbers", arguments: [(42.0, "42"), (-0.0, "0"), (0.1, "0.1"), (-7.25, "-7.25"), (1e20, "1e+20"),
                                 (123_456_789_012_345.0, "123456789012345")])
    func numbers(value: Double, text: String) {
        #expect(NumberText.format(value) == text)
        #expect(Double(text) == value)
    }

    @Test("XML escaping")
    func xmlEscape() {
        #expect(XMLText.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e'f")
        #expect(XMLText.escape("a\r\nb") == "a&#13;\nb")
        #expect(XMLText.textElement(" x") == "<t xml:space=\"preserve\"> x</t>")
        #expect(XMLText.textElement("x") == "<t>x</t>")
    }

    @Test("DOCTYPE and ENTITY are found in any case; UTF-16 is refused")
    func safety() {
        #expect(throws: XLSXError.forbiddenXML) { try XMLSafety.check(Data("<?xml?><!doctype x><x/>".utf8), part: "p") }
        #expect(throws: XLSXError.forbiddenXML) { try XMLSafety.check(Data("<x><!ENTITY a 'b'></x>".utf8), part: "p") }
        #expect(throws: Never.self) { try XMLSafety.check(Data("<x>&lt;!DOCTYPE</x>".utf8), part: "p") }
        #expect(throws: XLSXError.malformed("p 使用了不支持的文字编码")) {
            try XMLSafety.check(Data([0xFF, 0xFE, 0x3C, 0x00]), part: "p")
        }
    }
}

import Foundation
import Testing
@testable import XLSX

/// Files the reader must refuse, each with the error the clerk will see.
@Suite("Refusing bad files")
struct RefusalTests {
    @Test("Refused fixtures", arguments: [
        ("not_a_zip.xlsx", XLSXError.notAnXLSX),
        ("zip_without_workbook.xlsx", .notAnXLSX),
        ("ole_header.xlsx", .encrypted),
        ("entity_bomb.xlsx", .forbiddenXML),
        ("xxe_sheet.xlsx", .forbiddenXML),
        ("bomb_lying.xlsx", .tooLarge),
        ("bomb_declared.xlsx", .tooLarge),
    ])
    func refused(name: String, expected: XLSXError) throws {
        let data = try fixture(name)
        #expect(xlsxError { _ = try XLSXReader.read(data) } == expected)
    }

    @Test("A zip bomb over the byte budget is refused")
    func bombOverBudget() throws {
        var limits = XLSXLimits()
        limits.maxUncompressedBytes = 1 << 20
        let data = try fixture("bomb_12mb.xlsx")
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .tooLarge)
    }

    @Test("The budget counts all parts together, not each one alone")
    func budgetIsShared() throws {
        let data = try fixture("openpyxl_types.xlsx")
        let sheetSize = try part("xl/worksheets/sheet1.xml", of: data).utf8.count
        var limits = XLSXLimits()
        limits.maxUncompressedBytes = sheetSize + 100  // the sheet alone fits, with the other parts it does not
        #expect(xlsxError { _ = try XLSXReader.read(data, limits: limits) } == .tooLarge)
    }

    @Test("A cut deflate stream is an error, not an endless loop")
    func truncatedDeflate() throws {
        let data = try fixture("truncated_deflate.xlsx")
        let error = withWatchdog(seconds: 30) { xlsxError { _ = try XLSXReader.read(data) } }
        #expect(error == .malformed("压缩包中 xl/worksheets/sheet1.xml 的数据已损坏"))
    }

    @Test("A wrong CRC is reported")
    func badChecksum() throws {
        let data = try fixture("bad_crc.xlsx")
        #expect(xlsxError { _ = try XLSXReader.read(data) } == .malformed("压缩包中 xl/worksheets/sheet1.xml 的校验和不符"))
    }

    @Test("More rows than maxRows")
    func tooManyRows() throws {
        var limits = XLSXLimits()
        limits.maxRows = 3
        #expect(xlsxError { _ = try readFixture("openpyxl_types.xlsx", limits: limits) } == .overLimit(.rows(3)))
    }

    @Test("A value beyond maxColumns")
    func tooManyColumns() throws {
        var limits = XLSXLimits()
        limits.maxColumns = 8  // column I (index 8) holds values
        #expect(xlsxError { _ = try readFixture("openpyxl_types.xlsx", limits: limits) } == .overLimit(.columns(8)))
    }

    @Test("Empty and tiny inputs", arguments: [Data(), Data([0x50, 0x4B]), Data([0x50, 0x4B, 0x03, 0x04]),
                                               Data([0xD0, 0xCF, 0x11])])
    func tinyInputs(data: Data) {
        #expect(xlsxError { _ = try XLSXReader.read(data) } == .notAnXLSX)
    }

    @Test("Every cut of a real file is refused with an XLSXError, never a crash or a hang")
    func truncatedFiles() throws {
        let data = try fixture("libreoffice.xlsx")
        let refused = withWatchdog(seconds: 60) {
            stride(from: 0, to: data.count, by: 37).map { length in
                xlsxError { _ = try XLSXReader.read(data.prefix(length)) } != nil
            }
        }
        #expect(refused?.allSatisfy { $0 } == true)
    }

    @Test("Flipped bytes anywhere give a workbook or an XLSXError, never a crash or a hang")
    func corruptedFiles() throws {
        let original = try fixture("handmade_cells.xlsx")
        let finished = withWatchdog(seconds: 60) { () -> Bool in
            var generator = SplitMix64(seed: 20_240_101)
            for _ in 0..<400 {
                var data = original
                for _ in 0..<3 {
                    let index = Int(generator.next() % UInt64(data.count))
                    data[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                }
                _ = xlsxError { _ = try XLSXReader.read(data) }
            }
            return true
        }
        #expect(finished == true)
    }

    @Test("Messages for the clerk")
    func messages() {
        #expect(XLSXError.notAnXLSX.message == "文件不是有效的 .xlsx 表格")
        #expect(XLSXError.encrypted.message == "文件已加密或是旧版 .xls，请在Excel中另存为 .xlsx（不加密）后再导入")
        #expect(XLSXError.tooLarge.message == "文件解压后过大，可能已损坏")
        #expect(XLSXError.malformed("缺少 xl/workbook.xml").message.hasSuffix("缺少 xl/workbook.xml"))
        #expect(XLSXError.overLimit(.rows(100_000)).message == "表格超过 100000 行的上限，请拆分后分批导入")
        #expect(XLSXError.forbiddenXML.message.contains("DOCTYPE"))
    }
}

/// A small seeded generator so the corruption test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import Testing
@testable import XLSX

/// The CSV reader, fed what a spreadsheet program saves and what an attacker sends.
@Suite("Reading CSV")
struct CSVReaderTests {
    private func failure(_ data: Data, limits: XLSXLimits = .init()) -> CSVReader.Failure? {
        do throws(CSVReader.Failure) {
            _ = try CSVReader.sheetRows(data, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("Quoted fields keep commas, doubled quotes and line breaks; CRLF, LF and a BOM are read")
    func quotedFields() throws {
        let text = "\u{FEFF}姓名,备注,地址\r\n\"张,三\",\"他说\"\"好\"\"\",\"第一行\r\n第二行\"\n李四,,x\r\n"
        let rows = try CSVReader.sheetRows(Data(text.utf8), limits: .init())
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].cells == [0: .text("张,三"), 1: .text("他说\"好\""), 2: .text("第一行\r\n第二行")])
        #expect(rows[2].cells == [0: .text("李四"), 2: .text("x")])
    }

    @Test("Blank lines keep their row numbers; a last line without a line end is read")
    func blankLines() throws {
        let rows = try CSVReader.sheetRows(Data("a\n\n,,\nb".utf8), limits: .init())
        #expect(rows.map(\.number) == [1, 4])
        #expect(try CSVReader.rows(Data("a\n\nb\n".utf8)) == [["a"], [""], ["b"]])
    }

    @Test("An unterminated quote is reported as such, with the row it opened in")
    func unterminatedQuote() {
        #expect(failure(Data("a,b\nc,\"d\ne,f\n".utf8)) == .unterminatedQuote(row: 2))
        // Longer than a cell may be: still the quote, not the length, is what the clerk must fix.
        let long = "a\n\"" + String(repeating: "x", count: 200_000)
        #expect(failure(Data(long.utf8)) == .unterminatedQuote(row: 2))
        #expect(CSVReader.Failure.unterminatedQuote(row: 2).message.contains("第 2 行的引号没有结束"))
    }

    @Test("A field that is not UTF-8 names its row")
    func notUTF8() {
        let gbk: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD]  // 张三 in GBK
        #expect(failure(Data("姓名\n".utf8 + gbk + Array("\n".utf8))) == .notUTF8(row: 2))
    }

    @Test("A header of 500,000 empty columns (0.5 MB) is refused at column 257, naming the limit")
    func wideHeader() {
        let data = Data(("姓名" + String(repeating: ",", count: 500_000) + "\n张三\n").utf8)
        let error = failure(data)
        #expect(error == .overLimit(.columns(256)))
        #expect(error?.message == "表格超过 256 列的上限，请删除模板以外的多余列后再导入")
    }

    @Test("200,001 rows are refused at the row limit, naming it")
    func tooManyRows() {
        let data = Data(String(repeating: "x\n", count: 200_001).utf8)
        let error = failure(data)
        #expect(error == .overLimit(.rows(200_000)))
        #expect(error?.message == "表格超过 200000 行的上限，请拆分后分批导入")
    }

    @Test("Limits are inclusive: exactly maxRows rows, maxColumns columns and maxCells cells are read")
    func limitsAtBoundary() throws {
        var limits = XLSXLimits()
        (limits.maxRows, limits.maxColumns, limits.maxCells, limits.maxCellBytes) = (3, 2, 6, 3)
        let full = Data("a,bbb\nc,d\ne,f\n".utf8)
        #expect(try CSVReader.sheetRows(full, limits: limits).count == 3)
        #expect(failure(full + Data("g\n".utf8), limits: limits) == .overLimit(.rows(3)))
        #expect(failure(Data("a,b,\n".utf8), limits: limits) == .overLimit(.columns(2)))
        limits.maxCells = 5
        #expect(failure(full, limits: limits) == .overLimit(.cells(5)))
        #expect(failure(Data("a,bbbb\n".utf8), limits: limits) == .overLimit(.cellBytes(3, row: 1)))
        #expect(failure(Data("a\n\"b\"\"cd\"\n".utf8), limits: limits) == .overLimit(.cellBytes(3, row: 2)))
    }

    @Test("A huge single cell is refused at the cell limit, naming its row")
    func hugeCell() {
        let data = Data(("姓名\n\"" + String(repeating: "长", count: 1_000_000) + "\"\n").utf8)
        let error = failure(data)
        #expect(error == .overLimit(.cellBytes(32_767 * 3, row: 2)))
        #expect(error?.message == "第 2 行有单元格的内容超过 98301 字节的上限，请检查该单元格")
    }

    @Test("A file over the input limit is refused before it is read")
    func inputBytes() {
        var limits = XLSXLimits()
        limits.maxInputBytes = 1 << 20
        #expect(failure(Data(count: (1 << 20) + 1), limits: limits) == .overLimit(.inputBytes(1 << 20)))
        #expect(SheetLimit.inputBytes(16 << 20).message == "文件超过 16 MB 的上限，请拆分后分批导入")
    }
}

import Foundation
import Testing
@testable import XLSX

/// The sample that tools/fixtures/check_writer_output.py opens with openpyxl and LibreOffice. Set
/// XLSX_SAMPLE_PATH to keep the file:
///
///     XLSX_SAMPLE_PATH=/tmp/sample.xlsx swift test --filter WriterSampleTests
///     python3 tools/fixtures/check_writer_output.py /tmp/sample.xlsx
///
/// The Python script expects exactly these columns and rows; change both together.
@Suite("Writer sample for the openpyxl and LibreOffice check")
struct WriterSampleTests {
    static let columns = [
        XLSXColumn(title: "姓名", width: 12, isRequired: true),
        XLSXColumn(title: "身份证号", width: 22, isText: true, isRequired: true, note: "18位居民身份证号码，末位X大写"),
        XLSXColumn(title: "手机号码", width: 14, isText: true, note: "11位手机号码"),
        XLSXColumn(title: "入职日期", width: 12),
        XLSXColumn(title: "工龄", width: 8),
        XLSXColumn(title: "持证", width: 8),
        XLSXColumn(title: "备注", width: 30),
    ]

    static let rows: [[CellValue?]] = [
        [.text("张三"), .text("410412198304120213"), .text("13800138000"), .date(serial: 41883), .number(3), .bool(true),
         .text("含 & < > \" ' 符号")],
        [.text("李四"), .text("11010519491231002X"), nil, .date(serial: 45901.5), .number(2.5), .bool(false),
         .text("第一行\n第二行")],
        [nil, nil, .text("0373-1234567"), nil, .number(1e20), nil, .text("_x000D_ 字面")],
        [.text("王五"), .number(4.1041219830412e17), nil, nil, .number(0.1), nil, .error("#N/A")],
    ]

    @Test("Write the sample and read it back")
    func sample() throws {
        let url = ProcessInfo.processInfo.environment["XLSX_SAMPLE_PATH"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-sample-\(UUID().uuidString).xlsx")
        let writer = try XLSXWriter(sheetName: "维保人员", columns: Self.columns, to: url)
        for row in Self.rows { try writer.append(row) }
        try writer.finish()

        let book = try XLSXReader.read(try Data(contentsOf: url))
        #expect(book.sheetName == "维保人员")
        #expect(book.rows.first?.cells.count == Self.columns.count)
        for (offset, written) in Self.rows.enumerated() {
            var expected: [Int: CellValue] = [:]
            for (column, value) in written.enumerated() { expected[column] = value }
            #expect(try row(offset + 2, of: book) == expected)
        }
        if ProcessInfo.processInfo.environment["XLSX_SAMPLE_PATH"] == nil { try? FileManager.default.removeItem(at: url) }
    }
}

import Foundation
import Testing
@testable import XLSX

@Suite("Writing templates and exports")
struct WriterTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let columns = [
        XLSXColumn(title: "姓名", width: 12, isRequired: true),
        XLSXColumn(title: "身份证号", width: 22, isText: true, isRequired: true, note: "18位居民身份证号码，末位X大写"),
        XLSXColumn(title: "手机号码", width: 14, isText: true, note: "11位手机号码"),
        XLSXColumn(title: "入职日期", width: 12),
        XLSXColumn(title: "工龄", width: 8),
    ]

    private func write(_ rows: [[CellValue?]], columns: [XLSXColumn] = Self.columns, sheetName: String = "维保人员",
                       file: String = "out.xlsx") throws -> Data {
        let url = folder.appendingPathComponent(file)
        let writer = try XLSXWriter(sheetName: sheetName, columns: columns, to: url)
        for row in rows { try writer.append(row) }
        try writer.finish()
        return try Data(contentsOf: url)
    }

    @Test("Values come back as written, through our reader")
    func roundTrip() throws {
        let rows: [[CellValue?]] = [
            [.text("张三"), .text("410412198304120213"), .text("13800138000"), .date(serial: 41883), .number(3)],
            [.text("李四"), nil, nil, .date(serial: 45901.5), .number(2.5)],
            [nil, .number(4.1041219830412e17), .bool(true), .bool(false), .error("#N/A")],
            [],
            [.number(-0.1), .number(1e20), .number(-7), .number(1e-5), .number(123_456_789_012_345)],
        ]
        let book = try XLSXReader.read(try write(rows))
        #expect(book.sheetName == "维保人员")
        #expect(book.uses1904 == false)
        #expect(book.rows.map(\.number) == [1, 2, 3, 4, 6], "the empty row 5 is written as an empty <row>")
        #expect(try row(1, of: book) == [0: .text("姓名"), 1: .text("身份证号"), 2: .text("手机号码"),
                                         3: .text("入职日期"), 4: .text("工龄")])
        for (offset, written) in rows.enumerated() where !written.isEmpty {
            var expected: [Int: CellValue] = [:]
            for (column, value) in written.enumerated() { expected[column] = value }
            #expect(try row(offset + 2, of: book) == expected, "row \(offset + 2)")
        }
    }

    @Test("Text that XML or OOXML would change comes back unchanged")
    func escaping() throws {
        let texts = ["& < > \" ' 符号", "第一行\n第二行", "_x000D_ 字面", "_x005F_", "  前后空格  ", "控制\u{1}字符\u{1F}",
                     "制表\t符", "回车\r\n换行", "😀 emoji", "]]>"]
        let book = try XLSXReader.read(try write(texts.map { [.text($0)] }, columns: [XLSXColumn(title: "文本")]))
        #expect(book.rows.dropFirst().map { $0.cells[0] } == texts.map { CellValue.text($0) })
    }

    @Test("Sheet XML: frozen header, widths, text columns, header styles, whole numbers without .0")
    func sheetMarkup() throws {
        let data = try write([[.text("张三"), .text("410412198304120213"), nil, .date(serial: 41883), .number(42)],
                              [nil, nil, nil, .date(serial: 41883.25), .number(0.5)]])
        let sheet = try part("xl/worksheets/sheet1.xml", of: data)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<col min=\"2\" max=\"2\" width=\"22\" customWidth=\"1\" style=\"3\"/>"))
        #expect(sheet.contains("<col min=\"4\" max=\"4\" width=\"12\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"2\" t=\"inlineStr\">"), "required header: bold and filled")
        #expect(sheet.contains("<c r=\"D1\" s=\"1\" t=\"inlineStr\">"), "optional header: bold")
        #expect(sheet.contains("<c r=\"B2\" s=\"3\" t=\"inlineStr\">"), "text column cell keeps @")
        #expect(sheet.contains("<c r=\"D2\" s=\"4\"><v>41883</v></c>"))
        #expect(sheet.contains("<c r=\"D3\" s=\"5\"><v>41883.25</v></c>"))
        #expect(sheet.contains("<c r=\"E2\"><v>42</v></c>"))
        #expect(!sheet.contains("42.0"))
        let styles = try part("xl/styles.xml", of: data)
        #expect(styles.contains("<xf numFmtId=\"49\""))
        #expect(styles.contains("formatCode=\"yyyy-mm-dd\""))
        #expect(styles.contains("<patternFill patternType=\"solid\"><fgColor rgb=\"FFFFE699\"/>"))
    }

    @Test("Notes become comments on the header cells, with the VML Excel needs")
    func comments() throws {
        let data = try write([])
        let comments = try part("xl/comments1.xml", of: data)
        #expect(comments.contains("<comment ref=\"B1\" authorId=\"0\"><text><t>18位居民身份证号码，末位X大写</t></text></comment>"))
        #expect(comments.contains("<comment ref=\"C1\""))
        #expect(!comments.contains("ref=\"A1\""))
        let vml = try part("xl/drawings/vmlDrawing1.vml", of: data)
        #expect(vml.components(separatedBy: "<x:ClientData ObjectType=\"Note\">").count == 3)
        #expect(vml.contains("<x:Column>1</x:Column>") && vml.contains("<x:Column>2</x:Column>"))
        #expect(try part("xl/worksheets/sheet1.xml", of: data).hasSuffix("</sheetData><legacyDrawing r:id=\"rId1\"/></worksheet>"))
        #expect(try part("xl/worksheets/_rels/sheet1.xml.rels", of: data).contains("../comments1.xml"))
        #expect(try part("[Content_Types].xml", of: data).contains("/xl/comments1.xml"))
    }

    @Test("Without notes there are no comment parts")
    func noComments() throws {
        let data = try write([[.text("x")]], columns: [XLSXColumn(title: "A")])
        let directory = try ZipDirectory(data: data)
        #expect(directory.entry(named: "xl/comments1.xml") == nil)
        #expect(directory.entry(named: "xl/drawings/vmlDrawing1.vml") == nil)
        #expect(!(try part("xl/worksheets/sheet1.xml", of: data).contains("legacyDrawing")))
    }

    @Test("Error cells: Excel's codes as errors, anything else as text")
    func errors() throws {
        let data = try write([[.error("#DIV/0!"), .error("不是错误码")]], columns: [XLSXColumn(title: "A"), XLSXColumn(title: "B")])
        #expect(try row(2, of: XLSXReader.read(data)) == [0: .error("#DIV/0!"), 1: .text("不是错误码")])
    }

    @Test("Sheet names are made acceptable to Excel", arguments: [
        ("电梯/台账[2024]:*?", "电梯_台账_2024____"),
        ("'引号'", "引号"),
        ("", "Sheet1"),
        (String(repeating: "长", count: 40), String(repeating: "长", count: 31)),
    ])
    func sheetNames(input: String, expected: String) throws {
        let data = try write([], columns: [XLSXColumn(title: "A")], sheetName: input)
        #expect(try XLSXReader.read(data).sheetName == expected)
    }

    @Test("finish() replaces an existing file and removes the temporary sheet file")
    func replacesAndCleansUp() throws {
        let url = folder.appendingPathComponent("replace.xlsx")
        try Data("old".utf8).write(to: url)
        let writer = try XLSXWriter(sheetName: "S", columns: [XLSXColumn(title: "A")], to: url)
        try writer.append([.text("新")])
        #expect(FileManager.default.fileExists(atPath: writer.sheetFile.url.path))
        try writer.finish()
        #expect(!FileManager.default.fileExists(atPath: writer.sheetFile.url.path))
        #expect(try row(2, of: XLSXReader.read(Data(contentsOf: url))) == [0: .text("新")])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }

    @Test("A writer dropped without finish() leaves no temporary file")
    func abandonedWriter() throws {
        var path = ""
        do {
            let writer = try XLSXWriter(sheetName: "S", columns: [XLSXColumn(title: "A")],
                                        to: folder.appendingPathComponent("never.xlsx"))
            try writer.append([.text("x")])
            path = writer.sheetFile.url.path
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("append after finish is refused")
    func appendAfterFinish() throws {
        let writer = try XLSXWriter(sheetName: "S", columns: [XLSXColumn(title: "A")],
                                    to: folder.appendingPathComponent("done.xlsx"))
        try writer.finish()
        #expect(throws: XLSXError.self) { try writer.append([.text("late")]) }
    }

    @Test("A sheet of real rows over 10 MB on one line reads back (libxml2's lookup limit)")
    func overTenMegabytes() throws {
        let url = folder.appendingPathComponent("large.xlsx")
        let writer = try XLSXWriter(sheetName: "S", columns: [XLSXColumn(title: "长文本")], to: url)
        let text = String(repeating: "电梯维保", count: 250)  // 3,000 bytes of UTF-8
        for index in 1...4_000 { try writer.append([.text(text + String(index))]) }
        try writer.finish()
        let data = try Data(contentsOf: url)
        #expect(try part("xl/worksheets/sheet1.xml", of: data).utf8.count > 12_000_000)
        let book = try XLSXReader.read(data)
        #expect(book.rows.count == 4_001)
        #expect(book.rows.last?.cells[0] == .text(text + "4000"))
    }

    @Test("20,000 rows stream through and read back")
    func manyRows() throws {
        let url = folder.appendingPathComponent("many.xlsx")
        let writer = try XLSXWriter(sheetName: "S", columns: [XLSXColumn(title: "序号"), XLSXColumn(title: "名称", isText: true)], to: url)
        for index in 1...20_000 { try writer.append([.number(Double(index)), .text("电梯\(index)")]) }
        try writer.finish()
        let book = try XLSXReader.read(try Data(contentsOf: url))
        #expect(book.rows.count == 20_001)
        #expect(book.rows.last == SheetRow(number: 20_001, cells: [0: .number(20_000), 1: .text("电梯20000")]))
    }
}

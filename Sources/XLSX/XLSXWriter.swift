import Foundation
import ZIPFoundation

/// Writes a one-sheet .xlsx (a template or an export) row by row with constant memory.
///
/// Rows are turned into sheet XML and appended to a temporary file as they come; `finish()` then
/// deflates that file into the zip through ZIPFoundation's provider closure, chunk by chunk, so
/// 100,000 rows cost no more memory than 10.
///
/// Cells: text as inline strings (`t="inlineStr"`; no shared-string table to keep in memory),
/// numbers without ".0" when whole, booleans, errors, and `.date(serial:)` as a 1900-system serial
/// with the style yyyy-mm-dd (or yyyy-mm-dd hh:mm when it has a time of day). Row 1 is the header:
/// bold, coloured when required, frozen so it stays visible while scrolling; each column has its
/// width, and text columns carry the "@" format so what clerks type later stays text. Notes are
/// Excel comments on the header cells.
///
/// Not Sendable: use one writer from one task.
public final class XLSXWriter {
    /// Excel's sheet size: 1,048,576 rows by 16,384 columns.
    private static let maxRows = 1_048_576
    private static let maxColumns = 16_384
    /// Excel's limit for one cell's text.
    private static let maxCellCharacters = 32_767
    private static let excelErrors: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                                                   "#GETTING_DATA"]

    private let destination: URL
    private let sheetName: String
    private let columns: [XLSXColumn]
    private let columnLetters: [String]
    /// Internal so tests can check that the temporary file goes away.
    let sheetFile: TemporaryFileOutput
    private var nextRow = 1
    private var isFinished = false

    public init(sheetName: String, columns: [XLSXColumn], to url: URL) throws {
        guard columns.count <= Self.maxColumns else { throw XLSXError.overLimit(.columns(Self.maxColumns)) }
        self.destination = url
        self.sheetName = SheetName.sanitize(sheetName)
        self.columns = columns
        self.columnLetters = columns.indices.map(CellReference.letters(forColumn:))
        self.sheetFile = try TemporaryFileOutput()
        do {
            try sheetFile.write(prolog())
            try writeHeader()
        } catch {
            sheetFile.remove()
            throw error
        }
    }

    deinit {
        sheetFile.remove()
    }

    /// Appends one data row below the previous one; `nil` leaves a cell blank.
    public func append(_ row: [CellValue?]) throws {
        guard !isFinished else { throw XLSXError.malformed("表格已写完，不能再追加行") }
        guard nextRow <= Self.maxRows else { throw XLSXError.overLimit(.rows(Self.maxRows)) }
        guard row.count <= Self.maxColumns else { throw XLSXError.overLimit(.columns(Self.maxColumns)) }
        let number = nextRow
        nextRow += 1
        var xml = "<row r=\"\(number)\">"
        for (column, value) in row.enumerated() {
            guard let value, let cell = cellXML(value, column: column, row: number) else { continue }
            xml += cell
        }
        try sheetFile.write(xml + "</row>")
    }

    /// Writes the package to the destination URL, replacing any file there. The zip is built next to
    /// it and renamed into place, so a reader never sees half a file.
    public func finish() throws {
        guard !isFinished else { return }
        isFinished = true
        let notes = columns.enumerated().compactMap { index, column -> (column: Int, text: String)? in
            guard let note = column.note, !note.isEmpty else { return nil }
            return (index, note)
        }
        try sheetFile.write("</sheetData>" + (notes.isEmpty ? "" : "<legacyDrawing r:id=\"rId1\"/>") + "</worksheet>")
        try sheetFile.close()
        defer { sheetFile.remove() }

        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try writeArchive(to: partial, notes: notes)
            guard rename(partial.path, destination.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    // MARK: - Package

    private func writeArchive(to url: URL, notes: [(column: Int, text: String)]) throws {
        let archive = try Archive(url: url, accessMode: .create)
        try add("[Content_Types].xml", PackageTemplates.contentTypes(hasComments: !notes.isEmpty), to: archive)
        try add("_rels/.rels", PackageTemplates.rootRelationships, to: archive)
        try add("xl/workbook.xml", PackageTemplates.workbook(sheetName: sheetName), to: archive)
        try add("xl/_rels/workbook.xml.rels", PackageTemplates.workbookRelationships, to: archive)
        try add("xl/styles.xml", PackageTemplates.styles, to: archive)

        let reader = try FileHandle(forReadingFrom: sheetFile.url)
        defer { try? reader.close() }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(sheetFile.size),
                             compressionMethod: .deflate, bufferSize: 64 * 1024) { position, size in
            try reader.seek(toOffset: UInt64(position))
            var chunk = Data()
            while chunk.count < size, let more = try reader.read(upToCount: size - chunk.count), !more.isEmpty {
                chunk.append(more)
            }
            return chunk
        }

        if !notes.isEmpty {
            try add("xl/worksheets/_rels/sheet1.xml.rels", PackageTemplates.sheetRelationships, to: archive)
            try add("xl/comments1.xml", HeaderComments.commentsPart(notes), to: archive)
            try add("xl/drawings/vmlDrawing1.vml", HeaderComments.vmlDrawing(notes), to: archive)
        }
    }

    private func add(_ path: String, _ xml: String, to archive: Archive) throws {
        let data = Data(xml.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    // MARK: - Sheet XML

    private func prolog() -> String {
        var xml = PackageTemplates.declaration
            + "<worksheet xmlns=\"\(PackageTemplates.mainNamespace)\" xmlns:r=\"\(PackageTemplates.relationshipNamespace)\">"
            + "<sheetViews><sheetView workbookViewId=\"0\">"
            + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
            + "</sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if !columns.isEmpty {
            xml += "<cols>"
            for (index, column) in columns.enumerated() {
                let width = NumberText.format(column.width.isFinite ? min(max(column.width, 0), 255) : 15)
                let style = column.isText ? " style=\"\(CellStyle.text.rawValue)\"" : ""
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"\(style)/>"
            }
            xml += "</cols>"
        }
        return xml + "<sheetData>"
    }

    private func writeHeader() throws {
        nextRow = 2
        var xml = "<row r=\"1\">"
        for (index, column) in columns.enumerated() {
            let style = column.isRequired ? CellStyle.requiredHeader : CellStyle.header
            xml += "<c r=\"\(columnLetters[index])1\" s=\"\(style.rawValue)\" t=\"inlineStr\"><is>"
                + XMLText.textElement(column.title) + "</is></c>"
        }
        try sheetFile.write(xml + "</row>")
    }

    /// Cuts text to Excel's 32,767 UTF-16 units per cell at a character boundary (more makes Excel
    /// truncate the cell and call the file damaged).
    private static func truncate(_ text: String) -> String {
        var units = 0
        var end = text.startIndex
        for character in text {
            units += character.utf16.count
            if units > maxCellCharacters { break }
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    private func cellXML(_ value: CellValue, column: Int, row: Int) -> String? {
        let reference = (column < columnLetters.count ? columnLetters[column] : CellReference.letters(forColumn: column))
            + String(row)
        let isTextColumn = column < columns.count && columns[column].isText
        switch value {
        case .text(var text):
            guard !text.isEmpty else { return nil }
            if text.utf16.count > Self.maxCellCharacters { text = Self.truncate(text) }
            let style = isTextColumn ? " s=\"\(CellStyle.text.rawValue)\"" : ""
            return "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is>\(XMLText.textElement(text))</is></c>"
        case .number(let number):
            guard number.isFinite else { return "<c r=\"\(reference)\" t=\"e\"><v>#NUM!</v></c>" }
            return "<c r=\"\(reference)\"><v>\(NumberText.format(number))</v></c>"
        case .bool(let flag):
            return "<c r=\"\(reference)\" t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
        case .date(let serial):
            guard serial.isFinite, serial >= 0 else { return "<c r=\"\(reference)\" t=\"e\"><v>#NUM!</v></c>" }
            let style = serial == serial.rounded() ? CellStyle.date : CellStyle.dateTime
            return "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(NumberText.format(serial))</v></c>"
        case .error(let code):
            // Excel repairs a file whose error cell holds anything but its own codes: write others as text.
            guard Self.excelErrors.contains(code) else { return cellXML(.text(code), column: column, row: row) }
            return "<c r=\"\(reference)\" t=\"e\"><v>\(XMLText.escape(code))</v></c>"
        }
    }
}

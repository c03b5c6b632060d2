/// Reads the `<sheetData>` of a worksheet into rows of typed values.
///
/// Handles what Excel, WPS, LibreOffice and openpyxl write: shared strings (`t="s"`), inline strings
/// (`t="inlineStr"`), formula string results (`t="str"`), booleans, errors, ISO dates (`t="d"`), and
/// numbers that a date style turns into `.date`. Rows or cells without an `r` attribute take the next
/// position, as Excel does when it reads such files. Formulas themselves (`<f>`) are ignored: the
/// cached result in `<v>` is what the clerk saw.
final class WorksheetHandler: XMLPartHandler {
    private let sharedStrings: [String]
    private let isDateStyle: [Bool]
    private let uses1904: Bool
    private let limits: XLSXLimits

    private(set) var rows: [SheetRow] = []
    /// Cells kept so far, and the UTF-8 bytes of text the reader holds (the shared strings' first).
    private var cellCount = 0
    private var textBytes: Int

    /// Excel's last row.
    private static let maxRowNumber = 1_048_576

    private var inSheetData = false
    private var rowNumber: Int?
    private var lastRowNumber = 0
    private var cells: [Int: CellValue] = [:]
    private var nextColumn = 0

    private var inCell = false
    private var cellColumn = 0
    private var cellType = "n"
    private var cellStyle = 0
    private var value: String?
    private var capturingValue = false
    private var inInlineString = false
    private var inlineString: String?
    private var inline = StringItemCollector()

    init(sharedStrings: [String], isDateStyle: [Bool], uses1904: Bool, limits: XLSXLimits, textBytes: Int = 0) {
        self.sharedStrings = sharedStrings
        self.textBytes = textBytes
        self.isDateStyle = isDateStyle
        self.uses1904 = uses1904
        self.limits = limits
    }

    override func start(_ name: String, attributes: [String: String]) {
        if !inSheetData {
            if name == "sheetData" { inSheetData = true }
            return
        }
        if inInlineString {
            inline.start(name)
            return
        }
        switch name {
        case "row":
            // A missing or impossible `r` takes the next row, as Excel does.
            let given = attributes["r"].flatMap { Int($0) }.flatMap { (1...Self.maxRowNumber).contains($0) ? $0 : nil }
            let number = given ?? min(lastRowNumber + 1, Self.maxRowNumber)
            rowNumber = number
            lastRowNumber = number
            cells = [:]
            nextColumn = 0
        case "c" where rowNumber != nil:
            inCell = true
            cellColumn = attributes["r"].flatMap(CellReference.column(of:)) ?? nextColumn
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            value = nil
            inlineString = nil
        case "v" where inCell:
            capturingValue = true
            value = ""
        case "is" where inCell:
            inInlineString = true
            inline.reset()
        default:
            break
        }
    }

    override func end(_ name: String) {
        guard inSheetData else { return }
        if inInlineString {
            if name == "is" {
                inInlineString = false
                inlineString = inline.value
            } else {
                inline.end(name)
            }
            return
        }
        switch name {
        case "v":
            capturingValue = false
        case "c" where inCell:
            inCell = false
            finishCell()
        case "row":
            finishRow()
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    override func text(_ string: String) {
        let cellBytes: Int
        if inInlineString {
            inline.characters(string)
            cellBytes = inline.byteCount
        } else if capturingValue {
            value? += string
            cellBytes = value?.utf8.count ?? 0
        } else {
            return
        }
        // One cell of a zip bomb's size would otherwise grow until the inflate budget ends it.
        if cellBytes > limits.maxCellBytes { fail(.overLimit(.cellBytes(limits.maxCellBytes, row: rowNumber))) }
    }

    private var cellName: String {
        CellReference.letters(forColumn: cellColumn) + String(rowNumber ?? 0)
    }

    private func finishCell() {
        let result: CellValue?
        do {
            result = try cellValue()
        } catch {
            fail(error)
            return
        }
        guard let result else { return }
        guard cellColumn < limits.maxColumns else { return fail(.overLimit(.columns(limits.maxColumns))) }
        guard cellCount < limits.maxCells else { return fail(.overLimit(.cells(limits.maxCells))) }
        // Text of shared strings is counted once, in the table; inline and formula text is new.
        if cellType != "s", case .text(let text) = result {
            textBytes += text.utf8.count
            guard textBytes <= limits.maxTextBytes else { return fail(.overLimit(.textBytes(limits.maxTextBytes))) }
        }
        if cells.updateValue(result, forKey: cellColumn) == nil { cellCount += 1 }
    }

    private func finishRow() {
        defer { rowNumber = nil }
        guard let rowNumber, !cells.isEmpty else { return }
        // Checked while the sheet streams by, so a sheet too long is told the row limit long before
        // the inflate budget could end it.
        guard rows.count < limits.maxRows else { return fail(.overLimit(.rows(limits.maxRows))) }
        rows.append(SheetRow(number: rowNumber, cells: cells))
    }

    /// The value of the cell just closed; nil for a blank cell (only a style) or an empty string,
    /// which Excel shows the same way.
    private func cellValue() throws(XLSXError) -> CellValue? {
        switch cellType {
        case "s":
            guard let raw = value?.trimmed, !raw.isEmpty else { return nil }
            guard let index = Int(raw), sharedStrings.indices.contains(index) else {
                throw .malformed("单元格 \(cellName) 引用了不存在的共享字符串")
            }
            return nonEmptyText(sharedStrings[index])
        case "inlineStr":
            if let inlineString { return nonEmptyText(inlineString) }
            return value.flatMap { nonEmptyText(OOXMLEscape.decode($0)) }
        case "str":
            return value.flatMap { nonEmptyText(OOXMLEscape.decode($0)) }
        case "b":
            guard let raw = value?.trimmed, !raw.isEmpty else { return nil }
            switch raw.lowercased() {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: throw .malformed("单元格 \(cellName) 的逻辑值无效")
            }
        case "e":
            guard let raw = value?.trimmed, !raw.isEmpty else { return nil }
            return .error(raw)
        case "d":
            guard let raw = value?.trimmed, !raw.isEmpty else { return nil }
            if let serial = isoSerial(raw) { return .date(serial: serial) }
            return .text(raw)
        default:
            guard let raw = value?.trimmed, !raw.isEmpty else { return nil }
            guard let number = Double(raw), number.isFinite else {
                throw .malformed("单元格 \(cellName) 的数值无效")
            }
            if isDateStyle.indices.contains(cellStyle), isDateStyle[cellStyle] { return .date(serial: number) }
            return .number(number)
        }
    }

    private func nonEmptyText(_ text: String) -> CellValue? {
        text.isEmpty ? nil : .text(text)
    }

    /// `t="d"` holds an ISO 8601 date or date-time (`2014-09-01`, `2014-09-01T08:30:00`), written by
    /// openpyxl with `iso_dates` and by Strict-conformance files.
    private func isoSerial(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3 else { return nil }
        var hms = [0, 0, 0]
        if parts.count > 1 {
            let clock = parts[1].prefix { $0 != "Z" && $0 != "+" }
            for (index, piece) in clock.split(separator: ":").prefix(3).enumerated() {
                // Seconds may have a fraction; anything else (inf, nan, huge) makes the value text.
                guard let number = Double(piece), number.isFinite, number >= 0, number < 100 else { return nil }
                hms[index] = Int(number)
            }
        }
        return ExcelDate.serial(year: ymd[0], month: ymd[1], day: ymd[2], hour: hms[0], minute: hms[1],
                                second: hms[2], uses1904: uses1904)
    }
}

private extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}

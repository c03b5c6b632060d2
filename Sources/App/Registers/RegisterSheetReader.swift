import Foundation
import Validation
import XLSX

/// Reads an uploaded register sheet (.xlsx, or .csv in UTF-8) into rows keyed by form field: the
/// first non-empty row is the header, matched to the register's columns by title; cells are turned
/// into the text the form's rules expect, and cells that cannot be (long numbers Excel mangled,
/// error values) become problems of their row.
struct RegisterSheetReader {
    let columns: [SheetColumn]

    struct Sheet {
        /// The uploaded header row as it was.
        let header: [String]
        let rows: [ImportedRow]
        let problems: [ImportProblem]
        /// The workbook's date system, to show date cells of `ImportedRow.original`.
        let uses1904: Bool
    }

    enum Failure: Error, Equatable {
        case unreadable(String)
        case missingColumns([String])
        case empty
    }

    func read(_ data: Data, fileName: String) throws(Failure) -> Sheet {
        let cells: [SheetRow]
        var uses1904 = false
        if fileName.lowercased().hasSuffix(".csv") {
            do throws(CSVReader.Failure) {
                cells = try CSVReader.sheetRows(data, limits: Self.limits)
            } catch {
                throw .unreadable(error.message)
            }
        } else {
            do {
                let book = try XLSXReader.read(data, limits: Self.limits)
                uses1904 = book.uses1904
                cells = book.rows
            } catch let error as XLSXError {
                throw .unreadable(error.message)
            } catch {
                throw .unreadable("文件不是有效的 .xlsx 表格")
            }
        }

        let nonEmpty = cells.filter { row in row.cells.values.contains { !Self.isBlank($0) } }
        guard let headerRow = nonEmpty.first else { throw .empty }
        // At most the column limit wide: the readers refuse any cell beyond it.
        let width = (headerRow.cells.keys.max() ?? -1) + 1
        let header = (0..<width).map { headerRow.cells[$0].map { Self.plainText($0, uses1904: uses1904) } ?? "" }
        let normalizedHeader = header.map(Self.normalizeTitle)
        var positions: [String: Int] = [:]
        for column in columns {
            if let index = normalizedHeader.firstIndex(of: Self.normalizeTitle(column.title)) { positions[column.key] = index }
        }
        let missing = columns.filter { $0.required && positions[$0.key] == nil }.map(\.title)
        guard missing.isEmpty else { throw .missingColumns(missing) }
        guard nonEmpty.count > 1 else { throw .empty }

        var rows: [ImportedRow] = []
        rows.reserveCapacity(nonEmpty.count - 1)
        var problems: [ImportProblem] = []
        for row in nonEmpty.dropFirst() {
            var values: [String: String] = [:]
            for column in columns {
                guard let index = positions[column.key], let cell = row.cells[index] else { values[column.key] = ""; continue }
                switch Self.text(of: cell, kind: column.kind, uses1904: uses1904) {
                case .success(let text): values[column.key] = text
                case .failure(let reason):
                    values[column.key] = ""
                    problems.append(ImportProblem(row: row.number, column: column.title,
                                                  value: Self.plainText(cell, uses1904: uses1904), reason: reason.message))
                }
            }
            rows.append(ImportedRow(number: row.number, values: values, original: row.cells))
        }
        return Sheet(header: header, rows: rows, problems: problems, uses1904: uses1904)
    }

    /// The text the form's rules receive for a cell of a column of `kind`.
    static func text(of cell: CellValue, kind: SheetColumn.Kind, uses1904: Bool) -> Result<String, FieldError> {
        switch (cell, kind) {
        case (.text(let s), _):
            return .success(s)
        case (.number(let n), .digits):
            // Whole numbers below 10^15 are exact in a double (a phone, a 15-digit legacy ID number);
            // longer ones (18-digit ID numbers, registration codes) have already lost digits.
            guard n == n.rounded(), abs(n) < 1e15 else {
                return .failure(FieldError("该单元格被Excel转成了数字（\(formatNumber(n))），末尾数字已丢失：请将该列设置为文本格式后重新填写"))
            }
            return .success(String(Int64(n)))
        case (.number(let n), .date), (.date(let n), .date), (.date(let n), .text):
            guard let date = ExcelSerialDate.date(fromSerial: n, uses1904: uses1904) else {
                return .failure(FieldError("不是有效的日期"))
            }
            return .success(date.iso)
        case (.number(let n), .text):
            return .success(formatNumber(n))
        case (.date, .digits):
            return .failure(FieldError("该单元格是日期格式，请将该列设置为文本格式后重新填写"))
        case (.bool(let b), _):
            return .success(b ? "TRUE" : "FALSE")
        case (.error(let e), _):
            return .failure(FieldError("单元格是错误值 \(e)"))
        }
    }

    /// A cell as a person reads it, for the returned sheet and the report.
    static func plainText(_ cell: CellValue, uses1904: Bool) -> String {
        switch cell {
        case .text(let s): s
        case .number(let n): formatNumber(n)
        case .date(let serial): ExcelSerialDate.date(fromSerial: serial, uses1904: uses1904)?.iso ?? formatNumber(serial)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e
        }
    }

    /// A number as Excel shows it in a wide cell: whole numbers in full (an ID number Excel mangled reads
    /// 411422198005290000, so the clerk recognises the cell), others in their shortest exact form.
    static func formatNumber(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e18 { return String(format: "%.0f", n) }
        return String(format: "%.15G", n)
    }

    /// Header titles match whatever marks a template carries: "*姓名", "姓名 ", "姓名（必填）".
    static func normalizeTitle(_ title: String) -> String {
        var t = TextNormalizer.normalize(title)
        t.removeAll { $0 == "*" || $0 == " " }
        for suffix in ["(必填)", "（必填）"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        return t
    }

    /// The bounds of an uploaded register, for CSV and .xlsx alike. Each is far beyond a real register
    /// (a company's elevators fill 11 columns, its staff 7) and together they keep one import, accepted
    /// or refused, within about 300 MB of server memory (measured: benchmarks/import_memory.py):
    static let limits: XLSXLimits = {
        var limits = XLSXLimits()
        // 70,000 staff rows are 6.6 MB of CSV; an elevator row is about twice a staff row.
        limits.maxInputBytes = 16 << 20
        // Streamed, so this bounds time only: 70,000 rows of 11 inline-string cells are about 60 MB of XML.
        limits.maxUncompressedBytes = 256 << 20
        // The text kept in memory: twice what the largest CSV accepted can hold.
        limits.maxTextBytes = 32 << 20
        // Under the cell bound for a staff sheet (7 columns), so that a sheet too long is told the rows.
        limits.maxRows = 70_000
        // The templates have at most 11; clerks add a few of their own (备注), never hundreds.
        limits.maxColumns = 256
        // The bound that sets the memory of an accepted import: the reader's values, the text for the
        // form's rules and the import's own rows and records cost about 430 bytes a cell all told (a 预检
        // of 100,000 staff rows, 700,000 cells, 10,000 of them already on the register: server peak
        // 361 MB, 2026-12-04, benchmarks/import_memory.py). 500,000 keeps one import near 300 MB:
        // 70,000 staff rows, 45,000 elevators; a larger register is imported in parts.
        limits.maxCells = 500_000
        // The longest real value (an address, a company name) is under 300 bytes; Excel allows 32,767
        // characters, which no register field needs.
        limits.maxCellBytes = 4_096
        return limits
    }()

    /// The largest file an import takes: the configured upload size, but never past the readers' input
    /// bound, since an import holds the file, its parsed cells and the rows for the form's rules at once.
    static func maxFileBytes(configured: Int) -> Int {
        min(configured, limits.maxInputBytes)
    }

    /// The import's request body: the file, plus room for the multipart headers and the form's other
    /// fields, so that a file just over the limit is still read and told the limit in words (a body
    /// over this is refused by Vapor with 413 before any of it is kept).
    static func bodyLimit(configured: Int) -> Int {
        maxFileBytes(configured: configured) + (64 << 10)
    }

    static func isBlank(_ cell: CellValue) -> Bool {
        if case .text(let s) = cell { return s.trimmingCharacters(in: .whitespaces).isEmpty }
        return false
    }
}

extension RegisterSheetReader.Failure {
    var message: String {
        switch self {
        case .unreadable(let why): why
        case .missingColumns(let titles): "表格缺少必填列：" + titles.joined(separator: "、") + "。请使用“模板下载”的表格填写"
        case .empty: "表格中没有数据行"
        }
    }
}

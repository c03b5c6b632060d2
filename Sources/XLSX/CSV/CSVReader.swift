import Foundation

/// Reads a CSV file as a clerk's spreadsheet program saves it: UTF-8 with or without a byte-order
/// mark, comma separated, fields optionally quoted with doubled quotes inside, CRLF or LF line ends.
///
/// It lives beside the .xlsx reader so that both refuse the same sheets by the same `XLSXLimits`, and
/// it walks the bytes once: a field is decoded only when it ends, and only after the row, column,
/// cell and byte bounds have let it through.
public enum CSVReader {
    public enum Failure: Error, Equatable, Sendable {
        /// A field that is not UTF-8 (a file saved as GBK/ANSI), in this row.
        case notUTF8(row: Int)
        /// A quote opened in this row is never closed.
        case unterminatedQuote(row: Int)
        case overLimit(SheetLimit)

        /// A sentence in Chinese for the clerk who uploaded the file.
        public var message: String {
            switch self {
            case .notUTF8(let row):
                "第 \(row) 行不是 UTF-8 编码：CSV 文件应为 UTF-8 编码（Excel：另存为“CSV UTF-8”）"
            case .unterminatedQuote(let row):
                "第 \(row) 行的引号没有结束（缺少与之配对的 \"），请检查该行"
            case .overLimit(let limit):
                limit.message
            }
        }
    }

    /// Rows with at least one non-empty field, numbered by their row in the file (blank lines count,
    /// so the numbers are the ones a spreadsheet program shows), each field a text cell; empty fields
    /// are left out, as blank cells of an .xlsx are.
    public static func sheetRows(_ data: Data, limits: XLSXLimits) throws(Failure) -> [SheetRow] {
        var rows: [SheetRow] = []
        var parser = try CSVParser(data, limits: limits)
        while let (number, fields) = try parser.nextRow() {
            var cells: [Int: CellValue] = [:]
            for (column, field) in fields.enumerated() where !field.isEmpty { cells[column] = .text(field) }
            if !cells.isEmpty { rows.append(SheetRow(number: number, cells: cells)) }
        }
        return rows
    }

    /// Every row as its list of fields (a blank line is one empty field), for files the app ships itself.
    public static func rows(_ data: Data, limits: XLSXLimits = .init()) throws(Failure) -> [[String]] {
        var rows: [[String]] = []
        var parser = try CSVParser(data, limits: limits)
        while let (_, fields) = try parser.nextRow() {
            rows.append(fields)
        }
        return rows
    }
}

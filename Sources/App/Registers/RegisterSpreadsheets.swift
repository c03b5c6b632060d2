import Foundation
import Vapor
import XLSX

/// Templates, exports and returned error sheets of the registers, written with the streaming writer
/// to a temporary file and served from it, so a large export never sits in memory.
enum RegisterSpreadsheets {
    /// The 模板下载 file: the register's columns, required ones coloured, notes on the headers.
    static func template(_ columns: [SheetColumn], sheetName: String) throws -> URL {
        let url = temporaryURL()
        let writer = try XLSXWriter(sheetName: sheetName, columns: columns.map(xlsxColumn), to: url)
        try writer.finish()
        return url
    }

    /// A sheet of `header` and text rows, written as they come from `rows`.
    static func write(sheetName: String, header: [XLSXColumn],
                      rows: (_ append: ([String]) throws -> Void) async throws -> Void) async throws -> URL {
        let url = temporaryURL()
        let writer = try XLSXWriter(sheetName: sheetName, columns: header, to: url)
        try await rows { cells in try writer.append(cells.map { CellValue.text($0) }) }
        try writer.finish()
        return url
    }

    /// Every template column is text: ID numbers and phones keep their digits, and a date typed as
    /// 2014-09-01 stays what was typed; the importer reads date cells and serial numbers as well.
    static func xlsxColumn(_ c: SheetColumn) -> XLSXColumn {
        XLSXColumn(title: c.title, width: c.width, isText: true, isRequired: c.required, note: c.note)
    }

    /// Streams the file to the client and removes it afterwards.
    static func download(_ url: URL, as name: String, _ req: Request) async throws -> Response {
        let response = try await req.fileio.asyncStreamFile(at: url.path, mediaType: HTTPMediaType(
            type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { _ in
            try? FileManager.default.removeItem(at: url)
        }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "sheet.xlsx"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func temporaryURL() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("liftwatch-\(UUID().uuidString).xlsx")
    }

    /// A file name with today's date: 维保人员-20261127.xlsx.
    static func fileName(_ base: String, today: String) -> String {
        "\(base)-\(today.replacingOccurrences(of: "-", with: "")).xlsx"
    }
}

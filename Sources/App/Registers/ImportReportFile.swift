import Fluent
import Vapor
import XLSX

/// The uploaded sheet sent back with a 错误原因 column, kept for its uploader to download for a day.
final class ImportReportFile: Model, @unchecked Sendable {
    static let schema = "import_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "data") var data: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Writing and serving the returned error sheets of every register's import.
struct ImportReports {
    /// The uploaded rows with a 错误原因 column, stored for the uploader; older reports are dropped.
    static func store(_ req: Request, sheet: RegisterSheetReader.Sheet, problems: [ImportProblem],
                      fileName: String) async throws -> UUID {
        let reasons = Dictionary(grouping: problems, by: \.row).mapValues { list in
            list.map { "\($0.column)：\($0.reason)" }.joined(separator: "；")
        }
        let width = max(sheet.header.count, sheet.rows.map { ($0.original.keys.max() ?? -1) + 1 }.max() ?? 0)
        let header = (0..<width).map { XLSXColumn(title: $0 < sheet.header.count ? sheet.header[$0] : "", width: 16, isText: true) }
            + [XLSXColumn(title: "错误原因", width: 60, isRequired: true)]
        let url = try await RegisterSpreadsheets.write(sheetName: "错误报告", header: header) { append in
            for row in sheet.rows {
                // One row at a time, at most the column limit wide: the report is written as a stream.
                let cells = (0..<width).map { row.original[$0].map { RegisterSheetReader.plainText($0, uses1904: sheet.uses1904) } ?? "" }
                try append(cells + [reasons[row.number] ?? ""])
            }
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let report = ImportReportFile()
        report.userID = try req.requireUser().id
        report.fileName = "错误报告-" + ((fileName as NSString).deletingPathExtension) + ".xlsx"
        report.data = try Data(contentsOf: url)
        report.createdAt = req.clock.now()
        try await report.create(on: req.db)
        try await ImportReportFile.query(on: req.db).filter(\.$createdAt < req.clock.now().addingTimeInterval(-86_400)).delete()
        return try report.requireID()
    }

    /// The returned error sheet, to its uploader only.
    func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let report = try await ImportReportFile.find(id, on: req.db),
              report.userID == (try req.requireUser().id) else { throw AppError.notFound }
        let url = RegisterSpreadsheets.temporaryURL()
        try report.data.write(to: url)
        return try await RegisterSpreadsheets.download(url, as: report.fileName, req)
    }
}

extension ImportReportFile {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $userID, $fileName, $data, $createdAt] }
}

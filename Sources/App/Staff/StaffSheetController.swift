import Fluent
import Vapor
import XLSX

/// 模板下载, 导出 and 导入 (with 预检) of the staff register.
struct StaffSheetController {
    func template(_ req: Request) async throws -> Response {
        let url = try RegisterSpreadsheets.template(StaffSheet.columns, sheetName: "维保人员")
        return try await RegisterSpreadsheets.download(url, as: "维保人员导入模板.xlsx", req)
    }

    /// Every row of the current query (not just the page shown), with the list's columns, streamed.
    func export(_ req: Request) async throws -> Response {
        let company = try await StaffController.ownCompany(req)
        let query = try StaffController.listQuery(req, company: company)
        let header = ["审核状态", "信息状态", "审核意见"].map { XLSXColumn(title: $0, width: 10) }
            + StaffSheet.columns.map(RegisterSpreadsheets.xlsxColumn)
        let db = req.db
        let url = try await RegisterSpreadsheets.write(sheetName: "维保人员", header: header) { append in
            // A thousand at a time: the export never holds the whole register in memory.
            var lastID: UUID? = nil
            while true {
                let page = query.copy()
                if let lastID { page.filter(\.$id > lastID) }
                let staff = try await page.sort(\.$id).limit(1000).all()
                guard !staff.isEmpty else { break }
                let filings = try await StaffController.filingsByRecord(staff.compactMap(\.id), on: db)
                for s in staff {
                    let f = s.id.flatMap { filings[$0] }
                    try append([f?.reviewStatus.rawValue ?? "", f?.infoStatus.rawValue ?? "", f?.opinionText ?? "",
                                s.name, s.jobType, s.idNumber, s.certificateNo, s.certificateIssued, s.certificateExpires, s.phone])
                }
                lastID = staff.last?.id
            }
        }
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName("维保人员", today: req.clock.today().iso), req)
    }

    // MARK: 导入

    struct ImportPage: Encodable {
        let layout: Layout
        let title: String
        let action: String
        let templateURL: String
        let backURL: String
        let result: Result?
        let maxMB: Int

        struct Result: Encodable {
            let fileName: String
            let dryRun: Bool
            let ok: Bool
            let summary: String
            let problems: [Problem]
            let reportURL: String?
        }

        struct Problem: Encodable { let row: Int; let column: String; let value: String; let reason: String }
    }

    func showImport(_ req: Request) async throws -> Response {
        _ = try await StaffController.ownCompany(req)
        return try await render(req, result: nil)
    }

    struct Upload: Content {
        var file: File?
        var dryRun: String?
        enum CodingKeys: String, CodingKey { case file, dryRun = "dry_run" }
    }

    func runImport(_ req: Request) async throws -> Response {
        let company = try await StaffController.ownCompany(req)
        let upload = try req.content.decode(Upload.self)
        let dryRun = upload.dryRun != nil
        guard let file = upload.file, file.data.readableBytes > 0 else {
            req.flash("请选择要导入的表格文件（.xlsx 或 .csv）", kind: .error)
            return req.redirect(to: SiteURL.staffImport.path)
        }
        let data = Data(buffer: file.data)
        let sheet: RegisterSheetReader.Sheet
        do {
            sheet = try RegisterSheetReader(columns: StaffSheet.columns).read(data, fileName: file.filename)
        } catch {
            return try await render(req, result: .init(fileName: file.filename, dryRun: dryRun, ok: false,
                                                       summary: "无法导入：" + error.message, problems: [], reportURL: nil))
        }
        let importer = StaffImport(db: req.db, validator: try await StaffController.validator(req),
                                   filings: req.filingService(), company: company)
        let outcome = try await importer.run(sheet, dryRun: dryRun)
        if !outcome.problems.isEmpty {
            let report = try await storeReport(req, sheet: sheet, problems: outcome.problems, fileName: file.filename)
            return try await render(req, result: .init(
                fileName: file.filename, dryRun: dryRun, ok: false,
                summary: "共\(sheet.rows.count)行，发现\(outcome.problems.count)处错误，\(dryRun ? "" : "所有数据均未导入。")请按下表修改后重新导入。",
                problems: outcome.problems.map { .init(row: $0.row, column: $0.column, value: $0.value, reason: $0.reason) },
                reportURL: SiteURL.importReport(report).path))
        }
        let counts = "新增\(outcome.created)人，更新\(outcome.updated)人" + (outcome.unchanged > 0 ? "，\(outcome.unchanged)人无变化" : "")
        if dryRun {
            return try await render(req, result: .init(fileName: file.filename, dryRun: true, ok: true,
                                                       summary: "预检通过，共\(sheet.rows.count)行：导入后将\(counts)。尚未导入任何数据。",
                                                       problems: [], reportURL: nil))
        }
        return req.redirect(to: .staffFiling, notice: "导入成功：\(counts)。请选中人员后单击“审核上报”进行备案。")
    }

    /// The uploaded rows with a 错误原因 column, kept for the uploader to download.
    private func storeReport(_ req: Request, sheet: RegisterSheetReader.Sheet, problems: [ImportProblem],
                             fileName: String) async throws -> UUID {
        let reasons = Dictionary(grouping: problems, by: \.row).mapValues { list in
            list.map { "\($0.column)：\($0.reason)" }.joined(separator: "；")
        }
        let width = max(sheet.header.count, sheet.rows.map(\.original.count).max() ?? 0)
        let header = (0..<width).map { XLSXColumn(title: $0 < sheet.header.count ? sheet.header[$0] : "", width: 16, isText: true) }
            + [XLSXColumn(title: "错误原因", width: 60, isRequired: true)]
        let url = try await RegisterSpreadsheets.write(sheetName: "错误报告", header: header) { append in
            for row in sheet.rows {
                let cells = row.original + Array(repeating: "", count: max(0, width - row.original.count))
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
    func report(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let report = try await ImportReportFile.find(id, on: req.db),
              report.userID == (try req.requireUser().id) else { throw AppError.notFound }
        let url = RegisterSpreadsheets.temporaryURL()
        try report.data.write(to: url)
        return try await RegisterSpreadsheets.download(url, as: report.fileName, req)
    }

    private func render(_ req: Request, result: ImportPage.Result?) async throws -> Response {
        try await req.render("register-import", ImportPage(
            layout: await req.layout("导入维保人员"), title: "导入维保人员",
            action: SiteURL.staffImport.path + "?_csrf=" + (req.csrfToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            templateURL: SiteURL.staffTemplate.path, backURL: SiteURL.staffFiling.path, result: result,
            maxMB: req.config.uploadMaxBytes / 1024 / 1024),
            status: result.map { $0.ok ? .ok : .unprocessableEntity } ?? .ok)
    }
}

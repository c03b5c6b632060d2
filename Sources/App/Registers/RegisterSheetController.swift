import Fluent
import Vapor
import XLSX

/// 模板下载, 导出 and 导入 (with 预检) of a register.
struct RegisterSheetController<R: RegisterRecord>: Sendable {
    let register: Register
    /// The records the list shows for the request's query form, unsorted.
    let listQuery: @Sendable (Request) async throws -> ListQuery<R>
    /// A record's cells in the template's column order.
    let cells: @Sendable (R) -> [String]
    let rules: @Sendable (Request) async throws -> RegisterImportRules<R>

    func template(_ req: Request) async throws -> Response {
        let url = try RegisterSpreadsheets.template(register.columns, sheetName: register.sheetName)
        return try await RegisterSpreadsheets.download(url, as: register.sheetName + "导入模板.xlsx", req)
    }

    /// Every row of the current query (not just the page shown), in the template's columns after the
    /// three status columns, streamed: a thousand at a time, never the whole register in memory. A
    /// regulator's export, across companies, also names each record's 维保单位.
    func export(_ req: Request) async throws -> Response {
        let query = try await listQuery(req)
        let acrossCompanies = try await req.accessScope().acrossCompanies
        let header = ["审核状态", "信息状态", "审核意见"].map { XLSXColumn(title: $0, width: 10) }
            + register.columns.map(RegisterSpreadsheets.xlsxColumn)
            + (acrossCompanies ? [XLSXColumn(title: "维保单位", width: 28)] : [])
        let db = req.db
        let cells = self.cells
        var rows = 0
        let url = try await Monitoring.measure("export", register: register.kind.rawValue) {
            try await RegisterSpreadsheets.write(sheetName: register.sheetName, header: header) { append in
                var companyNames: [UUID: String] = [:]
                try await query.forEachBatch { records in
                    let statuses = try await R.filingStatuses(records.compactMap(\.id), on: db)
                    if acrossCompanies {
                        let missing = Set(records.map(\.companyID)).subtracting(companyNames.keys)
                        companyNames.merge(try await Company.workingNames(missing, on: db)) { a, _ in a }
                    }
                    rows += records.count
                    for r in records {
                        let f = r.id.flatMap { statuses[$0] }
                        try append([f?.review ?? "", f?.info ?? "", f?.opinion ?? ""] + cells(r)
                                   + (acrossCompanies ? [companyNames[r.companyID] ?? ""] : []))
                    }
                }
            }
        }
        try await req.auditExport(register.title, rows: rows)
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName(register.sheetName, today: req.clock.today().iso), req)
    }

    // MARK: 导入

    struct ImportPage: Encodable {
        let layout: Layout
        let title: String
        let note: String
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
            /// Rows accepted with something worth checking (a 设备名称 not in the dictionary).
            let warnings: [Problem]
            let reportURL: String?
        }

        struct Problem: Encodable {
            let row: Int; let column: String; let value: String; let reason: String
            init(_ p: ImportProblem) { row = p.row; column = p.column; value = p.value; reason = p.reason }
        }
    }

    func showImport(_ req: Request) async throws -> Response {
        _ = try await req.ownCompany()
        return try await render(req, result: nil)
    }

    struct Upload: Content {
        var file: File?
        var dryRun: String?
        enum CodingKeys: String, CodingKey { case file, dryRun = "dry_run" }
    }

    func runImport(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        let upload = try req.content.decode(Upload.self)
        let dryRun = upload.dryRun != nil
        guard let file = upload.file, file.data.readableBytes > 0 else {
            req.flash("请选择要导入的表格文件（.xlsx 或 .csv）", kind: .error)
            return req.redirect(to: register.path(.importSheet))
        }
        let sheet: RegisterSheetReader.Sheet
        do {
            sheet = try RegisterSheetReader(columns: register.columns).read(Data(buffer: file.data), fileName: file.filename)
        } catch {
            return try await render(req, result: .init(fileName: file.filename, dryRun: dryRun, ok: false,
                                                       summary: "无法导入：" + error.message, problems: [], warnings: [], reportURL: nil))
        }
        let importer = RegisterImport<R>(db: req.db, register: register, rules: try await rules(req),
                                         filings: req.filingService(), company: company)
        let (audit, user, title) = (req.audit, try req.requireUser(), register.title)
        let unit = register.unit
        let source = "文件“\(file.filename)”共\(sheet.rows.count)行"
        let outcome = try await Monitoring.measure(dryRun ? "import_check" : "import", register: register.kind.rawValue) {
            try await importer.run(sheet, dryRun: dryRun) { db, created, updated, unchanged in
                try await audit.on(db).record(.imported, by: user, detail: "\(title)：\(source)，新增\(created)\(unit)，更新\(updated)\(unit)，\(unchanged)\(unit)无变化")
            }
        }
        let warnings = outcome.warnings.map(ImportPage.Problem.init)
        if !outcome.problems.isEmpty {
            let report = try await ImportReports.store(req, sheet: sheet, problems: outcome.problems, fileName: file.filename)
            return try await render(req, result: .init(
                fileName: file.filename, dryRun: dryRun, ok: false,
                summary: "共\(sheet.rows.count)行，发现\(outcome.problems.count)处错误，\(dryRun ? "" : "所有数据均未导入。")请按下表修改后重新导入。",
                problems: outcome.problems.map(ImportPage.Problem.init), warnings: warnings,
                reportURL: SiteURL.importReport(report).path))
        }
        let counts = "新增\(outcome.created)\(unit)，更新\(outcome.updated)\(unit)" + (outcome.unchanged > 0 ? "，\(outcome.unchanged)\(unit)无变化" : "")
        let warned = warnings.isEmpty ? "" : "有\(warnings.count)处提示，请核对。"
        if dryRun {
            return try await render(req, result: .init(fileName: file.filename, dryRun: true, ok: true,
                                                       summary: "预检通过，共\(sheet.rows.count)行：导入后将\(counts)。\(warned)尚未导入任何数据。",
                                                       problems: [], warnings: warnings, reportURL: nil))
        }
        // The import is committed; statistics are a planner hint, so failing to refresh them fails nothing.
        try? await req.db.refreshPlannerStatistics()
        let next = "请选中\(register.noun)后单击“审核上报”进行备案。"
        if !warnings.isEmpty {
            // Stay on the page: the clerk should see what to check before submitting.
            return try await render(req, result: .init(fileName: file.filename, dryRun: false, ok: true,
                                                       summary: "导入成功：\(counts)。\(warned)\(next)",
                                                       problems: [], warnings: warnings, reportURL: nil))
        }
        return req.redirect(to: register.url(.list), notice: "导入成功：\(counts)。\(next)")
    }

    private func render(_ req: Request, result: ImportPage.Result?) async throws -> Response {
        let title = "导入" + register.sheetName
        return try await req.render("register-import", ImportPage(
            layout: await req.layout(title), title: title, note: register.importNote,
            action: register.path(.importSheet) + "?_csrf=" + (req.csrfToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            templateURL: register.path(.template), backURL: register.path(.list), result: result,
            maxMB: RegisterSheetReader.maxFileBytes(configured: req.config.uploadMaxBytes) / 1024 / 1024),
            status: result.map { $0.ok ? .ok : .unprocessableEntity } ?? .ok)
    }
}

import Fluent
import Validation
import Vapor
import XLSX

/// One list of chapter 三 (电梯档案管理, 维保公司信息, 维保人员信息): the approved records the user may
/// see (the user's `AccessScope`) with 查找/显示/清空, and
/// 查看, 导出, 历史 on the selection. Each list supplies its query, columns and cells.
struct ArchiveList<A: ArchivedRecord>: Sendable {
    /// What a list's cells may need beyond the row: the companies' names, and whether ID numbers show in full.
    struct Context: Sendable {
        let companyNames: [UUID: String]
        let idNumbers: IDNumberMask

        func company(_ id: UUID) -> String { companyNames[id] ?? "" }
        func idNumber(_ number: String) -> String { idNumbers.number(number) }
    }

    let kind: FilingKind
    let title: String
    let emptyText: String
    /// The query form's inputs for this user (维保单位 is offered to those who see several companies).
    let queryInputs: @Sendable (Request, _ acrossCompanies: Bool) -> [RegisterPage.QueryInput]
    let queryKeys: [String]
    /// Narrows the query by the form's values.
    let filter: @Sendable (Request, QueryBuilder<A>) async throws -> Void
    let columns: [(title: String, sortKey: String?)]
    let sortable: [String: KeyPath<A, FieldProperty<A, String>>]
    let cells: @Sendable (A, Context) -> [String]
    /// Column widths of the export, in `columns`' order.
    let widths: [Double]
    /// Toolbar buttons of this list beyond 查看 导出 历史, for the user of the request.
    var moreTools: @Sendable (Request) -> [RegisterPage.ToolButton] = { _ in [] }

    var url: @Sendable (ArchiveRoute) -> SiteURL { { [kind] in .archive(kind, $0) } }

    /// The rows the user may see and asked for, in the list's order.
    func query(_ req: Request) async throws -> ListQuery<A> {
        let query = try await req.accessScope().apply(A.query(on: req.db), company: A.companyField, region: A.regionField, listed: true)
        try await filter(req, query)
        return ListQuery(query, RegisterSort(req, allowed: Set(sortable.keys)).order(sortable: sortable, newestFirst: A.approvedField))
    }

    func context(_ req: Request, for rows: [A]) async throws -> Context {
        Context(companyNames: try await ArchivedCompany.approvedNames(rows.map(\.companyID), on: req.db),
                idNumbers: req.idNumberMask)
    }

    func list(_ req: Request) async throws -> Response {
        let acrossCompanies = try await req.accessScope().acrossCompanies
        let query = try await self.query(req)
        let sort = RegisterSort(req, allowed: Set(sortable.keys))
        let (rows, paging) = try await query.page(req)
        let context = try await context(req, for: rows)
        let oneRow = { (route: ArchiveRoute) in url(route).path.replacingOccurrences(of: ":id", with: "{id}") }
        var page = RegisterPage(
            layout: await req.layout(title), title: title, queryURL: url(.list).path,
            queryInputs: queryInputs(req, acrossCompanies),
            toolbar: [
                .init(label: "查看", style: "secondary", select: "one", href: oneRow(.view(nil)), post: nil, confirm: nil),
                .init(label: "导出", style: "secondary", select: "none",
                      href: url(.export).path + req.queryString(keeping: queryKeys), post: nil, confirm: nil),
                .init(label: "历史", style: "secondary", select: "one", href: oneRow(.history(nil)), post: nil, confirm: nil),
            ] + moreTools(req),
            columns: columns.map { sort.head($0.title, key: $0.sortKey, req: req) },
            rows: rows.compactMap { r in r.id.map { RegisterPage.Row(id: $0.uuidString, cells: cells(r, context)) } },
            paging: paging, emptyText: emptyText)
        page.showsStatus = false
        return try await req.render("register-list", page)
    }

    /// Every row of the query in the list's order, streamed a thousand at a time (500,000 elevators never
    /// sit in memory).
    func export(_ req: Request) async throws -> Response {
        let query = try await self.query(req)
        let header = zip(columns, widths).map { XLSXColumn(title: $0.0.title, width: $0.1, isText: true) }
        let cells = self.cells
        var count = 0
        let url = try await RegisterSpreadsheets.write(sheetName: title, header: header) { append in
            try await query.forEachBatch { rows in
                let context = try await context(req, for: rows)
                for r in rows { try append(cells(r, context)) }
                count += rows.count
            }
        }
        try await req.auditExport(title, rows: count)
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName(title, today: req.clock.today().iso), req)
    }
}

import Fluent
import Vapor

/// The page of a register of filed records (维保人员上报, 电梯信息上报): 查询条件 with 查找/显示/清空,
/// the toolbar, a paged table whose first columns are 审核状态, 信息状态, 审核意见, and sortable headings.
/// Every register fills this one view model; `register.leaf` lays it out.
struct RegisterPage: Encodable {
    let layout: Layout
    let title: String
    let queryURL: String
    let queryInputs: [QueryInput]
    let toolbar: [ToolButton]
    let columns: [ColumnHead]
    let rows: [Row]
    let paging: Paging
    let emptyText: String
    /// The 审核状态, 信息状态, 审核意见 columns: a register's; the archive (approved records only) has none.
    var showsStatus = true
    /// A list without a query form (the supervision lists: their scope comes from the link).
    var hidesQuery = false
    /// The table's column count: the selection, the three status columns and the register's own.
    var span: Int { columns.count + (showsStatus ? 4 : 1) }

    enum CodingKeys: String, CodingKey {
        case layout, title, queryURL, queryInputs, toolbar, columns, tableRows, paging, span, showsStatus, hidesQuery
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(layout, forKey: .layout); try c.encode(title, forKey: .title); try c.encode(queryURL, forKey: .queryURL)
        try c.encode(queryInputs, forKey: .queryInputs); try c.encode(toolbar, forKey: .toolbar)
        try c.encode(columns, forKey: .columns); try c.encode(paging, forKey: .paging)
        try c.encode(RegisterTableRows.html(rows, showsStatus: showsStatus, span: span, emptyText: emptyText), forKey: .tableRows)
        try c.encode(span, forKey: .span)
        try c.encode(showsStatus, forKey: .showsStatus)
        try c.encode(hidesQuery, forKey: .hidesQuery)
    }

    struct QueryInput: Encodable {
        let name: String
        let label: String
        let value: String
        /// For a choice of several values (级别: A级 B级 C级): checkboxes instead of a text box.
        var choices: [Choice] = []
        /// The text box's type: "text", or "date" for a date range.
        var type = "text"
    }

    struct Choice: Encodable {
        let value: String
        let checked: Bool
    }

    /// A toolbar button: `select` is "one" (编辑, 查看), "many" (审核上报, 删除) or "none" (添加, 模板下载).
    struct ToolButton: Encodable {
        let label: String
        let style: String
        let select: String
        let href: String?
        let post: String?
        let confirm: String?
    }

    struct ColumnHead: Encodable {
        let label: String
        let sortURL: String?
        /// "↑" or "↓" on the column the list is sorted by.
        let mark: String
    }

    struct Row: Encodable {
        let id: String
        let reviewStatus: String
        let infoStatus: String
        let opinion: String
        let cells: [Cell]

        init(id: String, reviewStatus: String = "", infoStatus: String = "", opinion: String = "", cells: [String]) {
            self.id = id
            self.reviewStatus = reviewStatus
            self.infoStatus = infoStatus
            self.opinion = opinion
            self.cells = cells.map(Cell.init)
        }
    }

    /// A cell's text; long texts (a 责任单位 with its project name) wrap so that the table fits the screen,
    /// short ones (codes, dates) never break.
    struct Cell: Encodable {
        let text: String
        let wrap: Bool
        init(_ text: String) {
            self.text = text
            // Codes, dates and phones are ASCII: they stay on one line. Chinese names longer than a few
            // characters may wrap.
            wrap = text.count > 6 && text.unicodeScalars.contains { !$0.isASCII }
        }
    }
}

/// The sort order a register list was asked for, from `?sort=KEY&dir=asc|desc`.
struct RegisterSort {
    let key: String?
    let ascending: Bool

    init(_ req: Request, allowed: Set<String>) {
        let key = try? req.query.get(String.self, at: "sort")
        self.key = key.flatMap { allowed.contains($0) ? $0 : nil }
        ascending = (try? req.query.get(String.self, at: "dir")) != "desc"
    }

    /// The list's order: the chosen column, or newest first.
    func order<M: Model>(sortable: [String: KeyPath<M, FieldProperty<M, String>>],
                         newestFirst: KeyPath<M, FieldProperty<M, Date>>) -> ListOrder<M> {
        if let key, let field = sortable[key] { return ListOrder(field, ascending: ascending) }
        return ListOrder(newestFirst, ascending: false)
    }

    /// The heading of a column: sortable ones link to their own order (the opposite on a second click).
    func head(_ label: String, key: String?, req: Request) -> RegisterPage.ColumnHead {
        guard let key else { return .init(label: label, sortURL: nil, mark: "") }
        var items = (URLComponents(string: req.url.string)?.queryItems ?? [])
            .filter { !["sort", "dir", "page"].contains($0.name) }
        let nextAscending = self.key == key ? !ascending : true
        items.append(URLQueryItem(name: "sort", value: key))
        items.append(URLQueryItem(name: "dir", value: nextAscending ? "asc" : "desc"))
        var c = URLComponents()
        c.path = req.url.path
        c.queryItems = items
        return .init(label: label, sortURL: c.string, mark: self.key == key ? (ascending ? "↑" : "↓") : "")
    }
}

extension Request {
    /// A query parameter as typed, trimmed ("" when absent).
    func queryText(_ name: String) -> String {
        ((try? query.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces)
    }
}

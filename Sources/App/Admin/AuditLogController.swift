import Fluent
import Validation
import Vapor
import XLSX

/// 审计日志, the audit administrator's page: the entries newest first, filtered by time range, 事件, 用户名
/// and 来源地址, paged, and 导出 of exactly the filtered entries (an export itself audited). The log has no
/// edit or delete path anywhere: it is kept whole (等保 level 3 asks for at least six months).
struct AuditLogController {
    /// The filter as the form sent it; kept in the form and in the paging and export links.
    struct Filter: Encodable {
        var from = ""
        var to = ""
        var action = ""
        var username = ""
        var address = ""

        init(_ req: Request) {
            func text(_ name: String) -> String {
                ((try? req.query.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces)
            }
            (from, to, action, username, address) = (text("from"), text("to"), text("action"), text("username"), text("address"))
        }

        /// The entries the filter selects, newest first: seq is the chain's order and unique, so an export
        /// can continue after any entry (`ListOrder`).
        func query(on db: any Database) throws -> ListQuery<AuditEntry> {
            let query = AuditEntry.query(on: db)
            if let start = try Self.day(from, "开始日期") { query.filter(\.$at >= start) }
            if let end = try Self.day(to, "结束日期") { query.filter(\.$at < end.addingTimeInterval(86_400)) }
            if !action.isEmpty {
                guard let chosen = AuditEntry.Action(rawValue: action) else { throw AppError.badRequest("所选事件不存在") }
                query.filter(\.$action == chosen)
            }
            if !username.isEmpty { query.filter(\.$username == username) }
            if !address.isEmpty { query.filter(\.$address == address) }
            return ListQuery(query, ListOrder(\.$seq, ascending: false))
        }

        /// The start of a date (YYYY-MM-DD, as the date input sends it) in China, which has one time zone
        /// and no daylight saving: UTC+8 all year.
        static func day(_ text: String, _ label: String) throws -> Date? {
            guard !text.isEmpty else { return nil }
            guard let date = CivilDate(iso: text) else { throw AppError.badRequest("\(label)应为YYYY-MM-DD格式的日期") }
            return Date(timeIntervalSince1970: TimeInterval(date.daysSince1970 * 86_400 - 8 * 3_600))
        }

        /// The query string of a non-empty filter, for the export link. Values are encoded whole: a user name
        /// as typed at a failed login may hold "&", "=" or "+", which a query item would leave as they are.
        var queryString: String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let pairs = [("from", from), ("to", to), ("action", action), ("username", username), ("address", address)]
                .filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
        }
    }

    struct Page: Encodable {
        let layout: Layout
        let filter: Filter
        let actions: [Choice]
        let listURL: String
        let exportURL: String
        let columns: [String]
        let rows: [[String]]
        let paging: Paging
    }

    struct Choice: Encodable {
        let value: String
        let title: String
        let selected: Bool
    }

    static let columns = ["序号", "时间", "事件", "用户名", "操作人", "来源地址", "说明"]

    func list(_ req: Request) async throws -> Response {
        let filter = Filter(req)
        let (entries, paging) = try await filter.query(on: req.db).page(req, per: 50)
        let actors = try await Self.actorNames(entries, on: req.db)
        return try await req.render("admin-audit", Page(
            layout: await req.layout("审计日志"), filter: filter,
            actions: AuditEntry.Action.allCases.map { Choice(value: $0.rawValue, title: $0.title, selected: $0.rawValue == filter.action) },
            listURL: SiteURL.adminAudit.path, exportURL: SiteURL.adminAuditExport.path + filter.queryString,
            columns: Self.columns, rows: entries.map { Self.cells($0, actors: actors) }, paging: paging))
    }

    /// Every entry the filter selects, streamed a thousand at a time, with each entry's hash so that a copy
    /// can be checked against the chain.
    func export(_ req: Request) async throws -> Response {
        let query = try Filter(req).query(on: req.db)
        let header = (Self.columns + ["哈希"]).map { XLSXColumn(title: $0, width: $0 == "说明" ? 48 : 16, isText: true) }
        let db = req.db
        var count = 0
        let url = try await RegisterSpreadsheets.write(sheetName: "审计日志", header: header) { append in
            try await query.forEachBatch { entries in
                let actors = try await Self.actorNames(entries, on: db)
                for e in entries { try append(Self.cells(e, actors: actors) + [e.hash]) }
                count += entries.count
            }
        }
        try await req.auditExport("审计日志", rows: count)
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName("审计日志", today: req.clock.today().iso), req)
    }

    static func cells(_ e: AuditEntry, actors: [UUID: String]) -> [String] {
        [String(e.seq), DisplayDate.second(e.at), e.action.title, e.username, e.actorID.flatMap { actors[$0] } ?? "", e.address, e.detail]
    }

    /// The user names of the entries' actors (the administrator who disabled an account, the reviewer), one
    /// query per page or batch.
    static func actorNames(_ entries: [AuditEntry], on db: any Database) async throws -> [UUID: String] {
        let ids = Array(Set(entries.compactMap(\.actorID)))
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for user in try await User.query(on: db).filter(\.$id ~~ ids).all() {
            if let id = user.id { names[id] = user.username }
        }
        return names
    }
}

extension DisplayDate {
    /// To the second: the audit log's times, where the minute is not enough to tell events apart.
    static func second(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN")
        f.timeZone = chinaTimeZone
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }
}

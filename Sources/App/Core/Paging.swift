import Fluent
import Vapor

/// Page numbers of a list, read from `?page=`, and the links between pages. The total is exact, or, for a
/// long list counted only up to `CountCap.list`, a lower bound ("共 10,000+ 条") with a link that counts
/// all (`?count=exact`); the next page is then known from the page's own rows.
struct Paging: Encodable {
    let page: Int
    let per: Int
    let total: Int
    /// The total as shown: "1,234" or "10,000+".
    let totalText: String
    /// nil while the total is a lower bound.
    let pageCount: Int?
    /// The page and the page count as shown, grouped like the total ("12,001", "16,134").
    let pageText: String
    let pageCountText: String?
    let previousURL: String?
    let nextURL: String?
    /// "统计全部": the same page with an exact count, while the total is a lower bound.
    let countAllURL: String?

    private static func grouped(_ n: Int) -> String {
        n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    static func requested(_ req: Request) -> Int {
        max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
    }

    /// Whether the list was asked to count every row.
    static func exactCountRequested(_ req: Request) -> Bool {
        req.queryText("count") == "exact"
    }

    /// Links keeping the request's other query parameters. `total`: exact, or (with `atLeast`) a lower
    /// bound; `hasMore`: whether rows follow this page (needed only when the total is a lower bound).
    init(req: Request, page: Int, per: Int, total: Int, atLeast: Bool = false, hasMore: Bool = false) {
        self.page = page
        self.per = per
        self.total = total
        totalText = Self.grouped(total) + (atLeast ? "+" : "")
        pageCount = atLeast ? nil : max(1, (total + per - 1) / per)
        pageText = Self.grouped(page)
        pageCountText = pageCount.map(Self.grouped)
        func link(_ changes: [String: String]) -> String {
            var items = (URLComponents(string: req.url.string)?.queryItems ?? []).filter { changes[$0.name] == nil }
            for (name, value) in changes.sorted(by: { $0.key < $1.key }) { items.append(URLQueryItem(name: name, value: value)) }
            var c = URLComponents()
            c.path = req.url.path
            c.queryItems = items
            return c.string ?? req.url.path
        }
        previousURL = page > 1 ? link(["page": String(page - 1)]) : nil
        let more = pageCount.map { page < $0 } ?? hasMore
        nextURL = more ? link(["page": String(page + 1)]) : nil
        countAllURL = atLeast ? link(["count": "exact"]) : nil
    }
}

/// Dates as the manual writes them, in China's time zone.
enum DisplayDate {
    static func minute(_ date: Date?) -> String {
        guard let date else { return "" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN")
        f.timeZone = chinaTimeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }
}

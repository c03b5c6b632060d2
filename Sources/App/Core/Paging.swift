import Fluent
import Vapor

/// Page numbers of a list, read from `?page=`, and the links between pages.
struct Paging: Encodable {
    let page: Int
    let per: Int
    let total: Int
    let pageCount: Int
    let previousURL: String?
    let nextURL: String?

    static func requested(_ req: Request) -> Int {
        max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
    }

    /// Builds the links keeping the request's other query parameters.
    init(req: Request, page: Int, per: Int, total: Int) {
        self.page = page
        self.per = per
        self.total = total
        pageCount = max(1, (total + per - 1) / per)
        func link(_ n: Int) -> String {
            var items = (URLComponents(string: req.url.string)?.queryItems ?? []).filter { $0.name != "page" }
            items.append(URLQueryItem(name: "page", value: String(n)))
            var c = URLComponents()
            c.path = req.url.path
            c.queryItems = items
            return c.string ?? req.url.path
        }
        previousURL = page > 1 ? link(page - 1) : nil
        nextURL = page < pageCount ? link(page + 1) : nil
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

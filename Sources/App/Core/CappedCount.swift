import Fluent
import FluentSQL
import SQLKit
import Vapor

/// How many rows a list's query has, counted only as far as a list needs: a count stops at the cap, so a
/// page costs the same at 500,000 rows as at 10,000. Counting every one of 450,000 index entries took
/// 28 ms a page on SQLite (the whole of a register page's budget under load); counting to 10,001 takes 1.
enum CountCap {
    /// A whole list says "共 10,000+ 条" past this; `?count=exact` counts all, on demand.
    static let list = 10_000
    /// A list narrowed by its 查询条件 says "共 1,000+ 条": a search tests each row it counts (a code
    /// fragment, a status), so it counts less far.
    static let search = 1_000

    /// The cap of the list `req` asks for: `search` when any query field other than the page's own
    /// (page, sort, direction, count) is filled in.
    static func of(_ req: Request) -> Int {
        narrows(req) ? search : list
    }

    /// Whether a query field other than the page's own (page, sort, direction, count) and `besides` is filled in.
    static func narrows(_ req: Request, besides: Set<String> = []) -> Bool {
        let own = Set(["page", "sort", "dir", "count"]).union(besides)
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        return items.contains { !own.contains($0.name) && !($0.value ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
    }
}

extension QueryBuilder {
    /// `SELECT COUNT(*)` of the query, as SQL to combine with others in one statement (`CountsInOneStatement`).
    func countSQL() -> any SQLExpression {
        readSQL(selecting: SQLFunction("COUNT", args: SQLLiteral.all), sorted: false, offset: 0, limit: nil)
    }

    /// The number of rows, or `cap + 1` when there are more than `cap`: `SELECT COUNT(*) FROM (the query
    /// without its order, LIMIT cap + 1)`. The database stops reading at the limit.
    func countRows(upTo cap: Int) async throws -> Int {
        let select = readSQL(selecting: SQLLiteral.numeric("1"), sorted: false, offset: 0, limit: cap + 1)
        let row = try await database.sql().raw("SELECT COUNT(*) AS n FROM (\(select)) AS capped").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension QueryBuilder {
    /// The query as one SELECT of `expression` (its filters and joins; its order when `sorted`), for reads
    /// that need no models: plain values are decoded from the rows directly.
    func readSQL(selecting expression: any SQLExpression, sorted: Bool, offset: Int, limit: Int?) -> any SQLExpression {
        var read = self.query
        read.action = .read
        read.fields = [.custom(expression)]
        if !sorted { read.sorts = [] }
        read.offsets = offset > 0 ? [.count(offset)] : []
        read.limits = limit.map { [.count($0)] } ?? []
        return SQLQueryConverter(delegate: ReadQueryConverterDelegate()).convert(read)
    }
}

/// Converts a read query's Fluent description to SQL the way both drivers do: their delegates only differ
/// in column types for schema changes and in nested (JSON) field paths, which our list queries never use.
private struct ReadQueryConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}

/// Several counts in one statement, `SELECT (SELECT COUNT(*) …) AS c0, (…) AS c1, …`: a page of a dozen
/// counts (工作台's to-do cards) pays one round trip to the database and one hand-off to its thread, not
/// twelve — on PostgreSQL each was a network round trip and a backend's parse (BENCHMARKS.md).
enum CountsInOneStatement {
    static func run(_ counts: [any SQLExpression], on db: any Database) async throws -> [Int] {
        guard !counts.isEmpty else { return [] }
        let sql = try db.sql()
        var columns: [any SQLExpression] = []
        for (i, count) in counts.enumerated() {
            columns.append(SQLAlias(SQLGroupExpression(count), as: SQLIdentifier("c\(i)")))
        }
        guard let row = try await sql.select().columns(columns).first() else { return counts.map { _ in 0 } }
        return try counts.indices.map { try row.decode(column: "c\($0)", as: Int.self) }
    }
}

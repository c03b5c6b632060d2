import Fluent
import FluentSQL
import SQLKit
import Vapor

/// A model a list page builds from a plain SQL row (`SELECT *`), every field set, as if Fluent had read it.
protocol PlainRowModel: Model {
    static func fromPlainRow(_ row: any SQLRow) throws -> Self
}

/// How the long lists (registers, archive) read their rows so that one page costs the same at 500,000 rows
/// as at 50. See BENCHMARKS.md for the numbers behind each choice.
extension QueryBuilder {
    /// `COUNT(*)`. Fluent's `count()` counts the id column; our ids are UUIDs, which SQLite's secondary
    /// indexes do not carry (they point by rowid), so it read every matching row from the table: 5 s for
    /// 450,000 elevators against 40 ms for `COUNT(*)` from the index.
    func countRows() async throws -> Int {
        try await aggregate(.custom(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all),
                                             as: SQLIdentifier(FieldKey.aggregate.description))), as: Int.self)
    }

    /// The rows with these ids, in the order of `ids`. A `PlainRowModel` is built from its columns by hand:
    /// Fluent's own decoding lists a model's properties by reflection for every row, a tenth of a register
    /// page's CPU time under load (BENCHMARKS.md).
    private func rows(withIDs ids: [Model.IDValue]) async throws -> [Model] where Model.IDValue: Hashable {
        guard !ids.isEmpty else { return [] }
        let found: [Model]
        if let plain = Model.self as? any PlainRowModel.Type {
            let select = try database.sql().select().column(SQLLiteral.all).from(Model.schema)
                .where(SQLIdentifier(Model()._$id.key.description), .in, SQLGroupExpression(ids.map { SQLBind($0) }))
            found = try await select.all().map { try plain.fromPlainRow($0) as! Model }
        } else {
            found = try await Model.query(on: database).filter(\._$id ~~ ids).all()
        }
        var byID: [Model.IDValue: Model] = [:]
        for row in found { if let id = row.id { byID[id] = row } }
        return ids.compactMap { byID[$0] }
    }

    /// The query's first rows in its order; a `PlainRowModel` built by hand, as for a page (an export
    /// of 109,000 elevators spent a fifth of its time in Fluent's decoding, BENCHMARKS.md).
    private func rows(upTo limit: Int) async throws -> [Model] {
        guard let plain = Model.self as? any PlainRowModel.Type else { return try await self.copy().limit(limit).all() }
        let select = readSQL(selecting: SQLColumn(SQLLiteral.all, table: SQLIdentifier(Model.schemaOrAlias)),
                             sorted: true, offset: 0, limit: limit)
        return try await database.sql().raw("\(select)").all().map { try plain.fromPlainRow($0) as! Model }
    }

    /// The ids of a stretch of the query's rows, in its order, read as bare values. (Fluent's `all(\.$id)`
    /// builds a model for each id and lists its properties by reflection: a fifth of a register page's CPU
    /// time went into building models, BENCHMARKS.md.)
    private func ids(offset: Int, limit: Int) async throws -> [Model.IDValue] {
        let idColumn = SQLColumn(SQLIdentifier(Model()._$id.key.description), table: SQLIdentifier(Model.schemaOrAlias))
        let select = readSQL(selecting: SQLAlias(idColumn, as: SQLIdentifier("row_id")), sorted: true, offset: offset, limit: limit)
        return try await database.sql().raw("\(select)").all().map { try $0.decode(column: "row_id", as: Model.IDValue.self) }
    }

    /// One page: the ids first, from an index alone (filter, order and id are all in it), then those rows.
    /// Selecting whole rows with OFFSET made SQLite sort or read every skipped row. The total is counted
    /// up to `countCap` (by default `CountCap.of(req)`), or all of it when the user asks (`?count=exact`);
    /// not at all when the caller already knows it exactly (`knownTotal`, from kept counts).
    func page(_ req: Request, per: Int = 20, countCap: Int? = nil, knownTotal: Int? = nil) async throws -> ([Model], Paging)
        where Model.IDValue: Hashable {
        let countCap = countCap ?? CountCap.of(req)
        let page = Paging.requested(req)
        let exact = knownTotal != nil || Paging.exactCountRequested(req)
        let counted = if let knownTotal { knownTotal } else if exact { try await self.copy().countRows() }
            else { try await self.copy().countRows(upTo: countCap) }
        // One id more than the page shows: whether a next page exists, when the count stopped short of it.
        var ids = try await ids(offset: (page - 1) * per, limit: per + 1)
        let hasMore = ids.count > per
        if hasMore { ids.removeLast() }
        let atLeast = !exact && counted > countCap
        let paging = Paging(req: req, page: page, per: per, total: atLeast ? countCap : counted, atLeast: atLeast, hasMore: hasMore)
        return (try await rows(withIDs: ids), paging)
    }

    /// Every row of the query in `order`, handed over a batch at a time, for exports. Each batch continues
    /// after the last row of the one before (keyset), so that it costs one index seek, and a row inserted or
    /// deleted meanwhile can neither repeat nor push another out of the export. The rows never all sit in
    /// memory. (`query` must already be sorted by `order`, as `ListOrder.apply` does.)
    func forEachBatch(in order: ListOrder<Model>, of size: Int = 1000, _ body: ([Model]) async throws -> Void) async throws {
        var last: Model? = nil
        while true {
            let batch = self.copy()
            if let last {
                // The batch continues after the last row written; had it been deleted meanwhile, the
                // comparison with its (missing) values would end the export early without a word.
                guard try await Model.find(last.id, on: database) != nil else {
                    throw AppError.conflict("导出期间有记录被删除，请重新导出")
                }
                batch.filter(try order.after(last))
            }
            let rows = try await batch.rows(upTo: size)
            guard !rows.isEmpty else { return }
            try await body(rows)
            last = rows.last
        }
    }
}

/// The order of a long list: one column, then the id in the same direction, so that one index on
/// (…, column, id) serves the whole order — a page never sorts the rows in scope — and an export can
/// continue after any row.
struct ListOrder<M: Model>: Sendable {
    let column: FieldKey
    let ascending: Bool
    init<Value: Sendable>(_ field: KeyPath<M, FieldProperty<M, Value>>, ascending: Bool) {
        column = M()[keyPath: field].key
        self.ascending = ascending
    }

    @discardableResult
    func apply(to query: QueryBuilder<M>) -> QueryBuilder<M> {
        let direction: DatabaseQuery.Sort.Direction = ascending ? .ascending : .descending
        return query.sort(.extendedPath([column], schema: M.schemaOrAlias, space: M.spaceIfNotAliased), direction)
            .sort(\._$id, direction)
    }

    /// The rows after `row` in this order: a row-value comparison with the row's own stored values, read
    /// by a subquery. (Binding the value read into Swift failed: a timestamp read into a `Date` and bound
    /// again is not always the same floating-point number, and a descending export then began its
    /// batches again from the same row, without end.) SQLite and PostgreSQL answer it with one seek in
    /// the (column, id) index.
    func after(_ row: M) throws -> DatabaseQuery.Filter {
        guard let id = row.id else { throw AppError.conflict("导出中断：记录缺少编号，请重试") }
        let table = SQLIdentifier(M.schemaOrAlias)
        let column = SQLIdentifier(self.column.description), idColumn = SQLIdentifier(M()._$id.key.description)
        let pair = SQLGroupExpression([SQLColumn(column, table: table), SQLColumn(idColumn, table: table)])
        return .sql(embed: """
            \(pair) \(unsafeRaw: ascending ? ">" : "<") (SELECT \(column), \(idColumn) FROM \(table) WHERE \(idColumn) = \(bind: id))
            """)
    }
}

/// The rows a list shows, sorted, and the order they are sorted in (which an export continues along).
struct ListQuery<M: Model> {
    let query: QueryBuilder<M>
    let order: ListOrder<M>
    init(_ query: QueryBuilder<M>, _ order: ListOrder<M>) {
        self.query = order.apply(to: query)
        self.order = order
    }

    func page(_ req: Request, per: Int = 20, knownTotal: Int? = nil) async throws -> ([M], Paging) where M.IDValue: Hashable {
        try await query.page(req, per: per, knownTotal: knownTotal)
    }

    func forEachBatch(of size: Int = 1000, _ body: ([M]) async throws -> Void) async throws {
        try await query.forEachBatch(in: order, of: size, body)
    }
}

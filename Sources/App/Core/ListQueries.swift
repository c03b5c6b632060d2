import Fluent
import FluentSQL
import SQLKit
import Vapor

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

    /// Sorts by `field`, then by id in the same direction, so that one index on (…, field, id) serves the
    /// whole order and a page never sorts the rows in scope.
    @discardableResult
    func sort<Value>(_ field: KeyPath<Model, FieldProperty<Model, Value>>, thenID ascending: Bool) -> Self {
        self.sort(field, ascending ? .ascending : .descending).sort(\._$id, ascending ? .ascending : .descending)
    }

    /// The rows with these ids, in the order of `ids`.
    private func rows(withIDs ids: [Model.IDValue]) async throws -> [Model] where Model.IDValue: Hashable {
        guard !ids.isEmpty else { return [] }
        let found = try await Model.query(on: database).filter(\._$id ~~ ids).all()
        var byID: [Model.IDValue: Model] = [:]
        for row in found { if let id = row.id { byID[id] = row } }
        return ids.compactMap { byID[$0] }
    }

    /// One page: the ids first, from an index alone (filter, order and id are all in it), then those rows.
    /// Selecting whole rows with OFFSET made SQLite sort or read every skipped row.
    func page(_ req: Request, per: Int = 20) async throws -> ([Model], Paging) where Model.IDValue: Hashable {
        let page = Paging.requested(req)
        let total = try await self.copy().countRows()
        let ids = try await self.copy().offset((page - 1) * per).limit(per).all(\._$id)
        return (try await rows(withIDs: ids), Paging(req: req, page: page, per: per, total: total))
    }

    /// Every row of the query in its order, handed over a batch at a time, for exports. The ids (16 bytes
    /// each: 8 MB for 500,000 elevators) are read first from the index; the rows never all sit in memory.
    func forEachBatch(of size: Int = 1000, _ body: ([Model]) async throws -> Void) async throws where Model.IDValue: Hashable {
        let ids = try await self.copy().all(\._$id)
        for start in stride(from: 0, to: ids.count, by: size) {
            try await body(try await rows(withIDs: Array(ids[start..<Swift.min(start + size, ids.count)])))
        }
    }
}

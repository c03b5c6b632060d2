import Fluent
import Foundation
import SQLKit
import FluentSQLiteDriver

extension Database {
    /// The database as SQL, for the statements Fluent cannot write (conditional claims, upserts,
    /// migrations as the day's literal SQL). Both our drivers are SQL databases, so failing here means a
    /// wrong set-up, and says so rather than quietly doing nothing.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw SQLDatabaseRequired() }
        return sql
    }
}

extension Database {
    /// The `name` column of the rows of `table` whose `idColumn` is among `ids`, as plain values: a page's
    /// 维保单位 column reads a handful of names, and a whole model per company cost more than the rows.
    func names(in table: String, idColumn: String, of ids: some Sequence<UUID>) async throws -> [UUID: String] {
        let ids = Array(Set(ids))
        var names: [UUID: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let rows = try await sql().raw("""
                SELECT \(ident: idColumn) AS row_id, name FROM \(ident: table) WHERE \(ident: idColumn) IN \(SQLGroupExpression(chunk.map { SQLBind($0) }))
                """).all()
            for row in rows { names[try row.decode(column: "row_id", as: UUID.self)] = try row.decode(column: "name", as: String.self) }
        }
        return names
    }
}

struct SQLDatabaseRequired: Error, CustomStringConvertible {
    var description: String { "this needs an SQL database (SQLite or PostgreSQL)" }
}

/// Whether a transaction lost a race with another writer and may simply run again: a unique index refused
/// the row the other had just written (either engine), or SQLite would not let a transaction that read an
/// older snapshot write after the other committed ("database is locked"; its busy handler cannot wait that out).
func isLostWriteRace(_ error: any Error) -> Bool {
    if let error = error as? SQLiteError {
        switch error.reason {
        case .busy, .busyInSnapshot, .busyTimeout, .locked: return true
        default: break
        }
    }
    return (error as? any DatabaseError)?.isConstraintFailure ?? false
}

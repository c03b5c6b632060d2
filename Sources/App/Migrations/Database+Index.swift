import Fluent
import SQLKit

extension Database {
    /// Fluent's schema builder has no index statement; SQLKit's does, on SQLite and PostgreSQL alike.
    func createIndex(_ name: String, on table: String, columns: [String], unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}

extension Database {
    func dropIndex(_ name: String) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        try await sql.drop(index: name).run()
    }
}

import Fluent
import SQLKit

extension Database {
    /// The database as SQL, for the statements Fluent cannot write (conditional claims, upserts,
    /// migrations as the day's literal SQL). Both our drivers are SQL databases, so failing here means a
    /// wrong set-up, and says so rather than quietly doing nothing.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw SQLDatabaseRequired() }
        return sql
    }
}

struct SQLDatabaseRequired: Error, CustomStringConvertible {
    var description: String { "this needs an SQL database (SQLite or PostgreSQL)" }
}

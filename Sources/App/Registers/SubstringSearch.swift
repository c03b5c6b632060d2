import Fluent
import FluentSQL
import SQLKit

/// "Contains" filters that an index serves. On SQLite a term of three or more characters goes through
/// the register's trigram FTS5 table; shorter terms (a single surname) and PostgreSQL (whose pg_trgm
/// GIN index serves LIKE directly) use an ordinary LIKE.
struct SubstringSearch {
    /// The FTS5 table, its record-id column and the table it indexes.
    let ftsTable: String
    let idColumn: String
    let recordTable: String
    var recordIDColumn = "id"

    static let staff = SubstringSearch(ftsTable: "staff_search", idColumn: "staff_id", recordTable: StaffMember.schema)
    static let elevators = SubstringSearch(ftsTable: "elevator_search", idColumn: "elevator_id", recordTable: Elevator.schema)
    static let archivedElevators = SubstringSearch(ftsTable: "archived_elevator_search", idColumn: "filing_id",
                                                   recordTable: ArchivedElevator.schema, recordIDColumn: "filing_id")

    func filter<M: Model>(_ query: QueryBuilder<M>, column: String, field: KeyPath<M, FieldProperty<M, String>>,
                          contains term: String, on db: any Database) {
        // LIKE's wildcards are the user's text here, never a pattern: "%" must not list everything.
        let term = term.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
        guard !term.isEmpty else { return }
        let sqlite = (db as? any SQLDatabase)?.dialect.name == "sqlite"
        guard sqlite, term.count >= 3 else {
            query.filter(field ~~ term)
            return
        }
        let pattern = "%" + term + "%"
        query.filter(.sql(embed: """
            \(ident: recordTable).\(ident: recordIDColumn) IN (SELECT \(ident: idColumn) FROM \(ident: ftsTable) WHERE \(ident: column) LIKE \(bind: pattern))
            """))
    }
}

import Foundation
import Fluent
import FluentSQL
import SQLKit

/// "Contains" filters that stay fast however common the typed fragment is. On SQLite, a term of three or
/// more characters first asks the register's trigram FTS5 table for its matches, at most `idListLimit + 1`
/// of them (the index hands them over as it finds them, so this costs little either way):
/// - a rare fragment (the last 6 digits of a code: a handful of rows) is then a list of ids, and the page
///   sorts only those;
/// - a common one (`31104107`: tens of thousands of codes) is a plain LIKE on each row while the list walks
///   its order's index: one row in ten matches, so a page of 20 is found after a few hundred rows.
///   Filtering by the whole set of FTS matches instead made SQLite collect and sort every one of them for
///   each page and count: 0.3 s a page, and no page at all under load (BENCHMARKS.md).
/// Shorter terms (a single surname) and PostgreSQL (whose pg_trgm GIN index serves LIKE) use a plain LIKE.
struct SubstringSearch {
    /// The FTS5 table, its record-id column and the table it indexes.
    let ftsTable: String
    let idColumn: String
    let recordTable: String
    var recordIDColumn = "id"

    /// Up to this many matches become a list of ids; more make the fragment a common one.
    static let idListLimit = 1000

    static let staff = SubstringSearch(ftsTable: "staff_search", idColumn: "staff_id", recordTable: StaffMember.schema)
    static let elevators = SubstringSearch(ftsTable: "elevator_search", idColumn: "elevator_id", recordTable: Elevator.schema)
    static let archivedElevators = SubstringSearch(ftsTable: "archived_elevator_search", idColumn: "filing_id",
                                                   recordTable: ArchivedElevator.schema, recordIDColumn: "filing_id")

    func filter<M: Model>(_ query: QueryBuilder<M>, column: String, field: KeyPath<M, FieldProperty<M, String>>,
                          contains term: String, on db: any Database) async throws {
        // LIKE's wildcards are the user's text here, never a pattern: "%" must not list everything.
        let term = term.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
        guard !term.isEmpty else { return }
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite", term.count >= 3 else {
            query.filter(field ~~ term)
            return
        }
        let pattern = "%" + term + "%"
        let matches = try await sql.raw("""
            SELECT \(ident: idColumn) AS id FROM \(ident: ftsTable) WHERE \(ident: column) LIKE \(bind: pattern) LIMIT \(literal: Self.idListLimit + 1)
            """).all().map { try $0.decode(column: "id", as: String.self) }
        let recordColumn = SQLColumn(SQLIdentifier(recordIDColumn), table: SQLIdentifier(recordTable))
        if matches.count <= Self.idListLimit {
            guard !matches.isEmpty else {
                query.filter(.sql(embed: "1 = 0"))
                return
            }
            query.filter(.sql(embed: "\(recordColumn) IN \(SQLGroupExpression(matches.map { SQLBind($0) }))"))
        } else {
            query.filter(.sql(embed: "\(SQLColumn(SQLIdentifier(column), table: SQLIdentifier(recordTable))) LIKE \(bind: pattern)"))
        }
    }
}

extension SubstringSearch {
    /// The approved elevators whose 注册代码 contains `digits`, through the archive's trigram index, for the
    /// lists of what happened at elevators (维保记录, 现场作业). At most 2,000 of them.
    static func archivedElevatorIDs(containing digits: String, on db: any Database) async throws -> [UUID] {
        let elevators = ArchivedElevator.query(on: db)
        try await archivedElevators.filter(elevators, column: "registration_code", field: \.$registrationCode, contains: digits, on: db)
        return try await elevators.limit(2000).all(\.$id).compactMap { $0 }
    }
}

import Fluent
import SQLKit

extension Database {
    /// Lets SQLite gather the statistics its query planner needs (PostgreSQL's autovacuum does this itself).
    /// Without them SQLite guessed that a code's trigram match was larger than a company's register and
    /// walked 450,000 rows to find 4. `PRAGMA optimize=0x10002` analyses the tables never analysed or grown
    /// a lot since, each on a bounded sample: SQLite's advice for long-lived connections. Run at start and
    /// after each import, which is when a register grows by thousands.
    func refreshPlannerStatistics() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA optimize=0x10002").run()
    }
}

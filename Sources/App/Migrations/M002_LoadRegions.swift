import Fluent
import SQLKit

/// Loads the national region list (Resources/Data/regions.csv) in one transaction.
struct M002_LoadRegions: AsyncMigration {
    let csvPath: String

    func prepare(on database: any Database) async throws {
        let catalog = try RegionCatalog.load(path: csvPath)
        try await database.transaction { db in
            let sql = try db.sql()
            // Batches keep each INSERT under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: catalog.rows.count, by: 200) {
                let values = catalog.rows[start..<min(start + 200, catalog.rows.count)].map { row -> SQLQueryString in
                    "(\(bind: row.code), \(bind: row.name), \(bind: row.parent), \(bind: row.level), \(bind: row.fullName))"
                }
                try await sql.raw("""
                    INSERT INTO regions (code, name, parent_code, level, full_name) VALUES \(values.joined(separator: ", "))
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DELETE FROM regions").run()
    }
}

import Fluent

/// Loads the national region list (Resources/Data/regions.csv) in one transaction.
struct M002_LoadRegions: AsyncMigration {
    let csvPath: String

    func prepare(on database: any Database) async throws {
        let catalog = try RegionCatalog.load(path: csvPath)
        try await database.transaction { db in
            // Batches keep each INSERT under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: catalog.rows.count, by: 200) {
                let batch = catalog.rows[start..<min(start + 200, catalog.rows.count)].map {
                    Region(code: $0.code, name: $0.name, parentCode: $0.parent, level: $0.level, fullName: $0.fullName)
                }
                try await batch.create(on: db)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await Region.query(on: database).delete()
    }
}

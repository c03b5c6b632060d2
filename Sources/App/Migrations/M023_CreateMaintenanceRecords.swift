import Fluent

/// Maintenance and inspection records (issue 7), and the maintenance item list, loaded from
/// Resources/Data/maintenance-items.csv.
struct M023_CreateMaintenanceRecords: AsyncMigration {
    let itemsPath: String

    func prepare(on database: any Database) async throws {
        try await database.schema("maintenance_items")
            .id()
            .field("kind", .string, .required).field("level", .string, .required).field("seq", .int, .required)
            .field("item", .string, .required).field("requirement", .string, .required).field("active", .bool, .required)
            .create()
        try await database.createIndex("maintenance_items_kind_level", on: "maintenance_items", columns: ["kind", "level", "seq"])

        try await database.schema("maintenance_records")
            .id()
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("elevator_filing_id", .uuid, .required, .references("filings", "id"))
            .field("registration_code", .string, .required).field("equipment_name", .string, .required)
            .field("user_unit", .string, .required).field("region_code", .string, .required)
            .field("elevator_kind", .string, .required).field("work_date", .string, .required).field("level", .string, .required)
            .field("items", .string, .required).field("workers", .string, .required).field("findings", .string, .required)
            .field("confirmer_name", .string, .required).field("confirmer_phone", .string, .required)
            .field("amends_id", .uuid, .references("maintenance_records", "id"))
            .field("amendment_reason", .string, .required)
            .field("filed_at", .datetime, .required).field("filed_by_id", .uuid, .required).field("filed_by_name", .string, .required)
            .field("sequence", .int, .required).field("previous_hash", .string, .required).field("hash", .string, .required)
            // One chain per company: two records filed at once cannot both follow the same predecessor.
            .unique(on: "company_id", "sequence", name: "maintenance_records_chain")
            .create()
        try await database.createIndex("maintenance_records_elevator_date", on: "maintenance_records", columns: ["elevator_filing_id", "work_date"])
        // The list's order (see M022): a company's, and everyone's walked in order with the region in the index.
        try await database.createIndex("maintenance_records_company_date_id", on: "maintenance_records", columns: ["company_id", "work_date", "id"])
        try await database.createIndex("maintenance_records_date_id_region", on: "maintenance_records", columns: ["work_date", "id", "region_code"])
        try await database.createIndex("maintenance_records_amends", on: "maintenance_records", columns: ["amends_id"])

        try await database.schema("maintenance_record_workers")
            .id()
            .field("record_id", .uuid, .required, .references("maintenance_records", "id"))
            .field("staff_filing_id", .uuid, .required, .references("filings", "id"))
            .field("company_id", .uuid, .required)
            .create()
        try await database.createIndex("maintenance_record_workers_staff", on: "maintenance_record_workers", columns: ["staff_filing_id"])
        try await database.createIndex("maintenance_record_workers_record", on: "maintenance_record_workers", columns: ["record_id"])

        try await database.schema("inspection_records")
            .id()
            .field("elevator_filing_id", .uuid, .required, .references("filings", "id"))
            .field("company_id", .uuid, .required).field("region_code", .string, .required)
            .field("registration_code", .string, .required)
            .field("inspection_date", .string, .required).field("conclusion", .string, .required)
            .field("inspection_body", .string, .required).field("next_inspection_date", .string, .required)
            .field("remarks", .string, .required)
            .field("recorded_at", .datetime, .required).field("recorded_by_id", .uuid, .required)
            .field("recorded_by_name", .string, .required)
            .create()
        try await database.createIndex("inspection_records_elevator_date", on: "inspection_records", columns: ["elevator_filing_id", "inspection_date"])

        let items = try MaintenanceItemCatalog.load(path: itemsPath)
        try await database.transaction { db in
            for start in stride(from: 0, to: items.count, by: 100) {
                try await Array(items[start..<min(start + 100, items.count)]).create(on: db)
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in ["inspection_records", "maintenance_record_workers", "maintenance_records", "maintenance_items"] {
            try await database.schema(schema).delete()
        }
    }
}

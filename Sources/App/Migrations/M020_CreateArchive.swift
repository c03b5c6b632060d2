import Fluent

/// The archive's query tables (manual chapter 三), filled from the approved versions already recorded.
struct M020_CreateArchive: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func common(_ schema: String) -> SchemaBuilder {
            database.schema(schema)
                .field("filing_id", .uuid, .identifier(auto: false))
                .field("company_id", .uuid, .required, .references(Company.schema, "id"))
                .field("region_code", .string, .required)
                .field("version", .int, .required)
                .field("approved_at", .datetime, .required)
        }
        try await common(ArchivedElevator.schema)
            .field("equipment_name", .string, .required).field("registration_code", .string, .required)
            .field("internal_no", .string, .required).field("rescue_code", .string, .required)
            .field("inspection_date", .string, .required).field("next_inspection_date", .string, .required)
            .field("user_unit", .string, .required).field("manufacturer", .string, .required)
            .field("safety_manager", .string, .required).field("safety_manager_phone", .string, .required)
            .field("region_name", .string, .required).field("address", .string, .required)
            .create()
        try await common(ArchivedStaff.schema)
            .field("name", .string, .required).field("job_type", .string, .required).field("id_number", .string, .required)
            .field("certificate_no", .string, .required).field("certificate_issued", .string, .required)
            .field("certificate_expires", .string, .required).field("phone", .string, .required)
            .create()
        try await common(ArchivedCompany.schema)
            .field("name", .string, .required).field("certificate_no", .string, .required)
            .field("certificate_issued", .string, .required).field("certificate_expires", .string, .required)
            .field("region_name", .string, .required).field("level", .string, .required)
            .field("office_address", .string, .required)
            .create()
        // A company's own archive and a regulator's region, newest approval first; the exact-match queries.
        for schema in [ArchivedElevator.schema, ArchivedStaff.schema, ArchivedCompany.schema] {
            try await database.createIndex("\(schema)_company_approved", on: schema, columns: ["company_id", "approved_at"])
            try await database.createIndex("\(schema)_region_approved", on: schema, columns: ["region_code", "approved_at"])
        }
        try await database.createIndex("archived_elevators_rescue", on: ArchivedElevator.schema, columns: ["rescue_code"])
        try await database.createIndex("archived_staff_name", on: ArchivedStaff.schema, columns: ["name"])
        try await database.createIndex("archived_staff_phone", on: ArchivedStaff.schema, columns: ["phone"])
        try await database.createIndex("archived_companies_name", on: ArchivedCompany.schema, columns: ["name"])

        // Approvals recorded before this table existed.
        let filings = try await Filing.query(on: database).filter(\.$archivedVersion > 0).all()
        for filing in filings {
            guard let version = try await FilingVersion.query(on: database).filter(\.$filingID == filing.requireID())
                .filter(\.$version == filing.archivedVersion).first(),
                  version.infoStatus != .deregistered, let snapshot = FilingSnapshot.decode(version.snapshot) else { continue }
            switch filing.kind {
            case .elevator: try await ArchivedElevator.store(filing, version: version.version, snapshot: snapshot, approvedAt: version.approvedAt, on: database)
            case .staff: try await ArchivedStaff.store(filing, version: version.version, snapshot: snapshot, approvedAt: version.approvedAt, on: database)
            case .company: try await ArchivedCompany.store(filing, version: version.version, snapshot: snapshot, approvedAt: version.approvedAt, on: database)
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [ArchivedElevator.schema, ArchivedStaff.schema, ArchivedCompany.schema] {
            try await database.schema(schema).delete()
        }
    }
}

import Fluent

struct M003_CreateCompanies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("companies")
            .id()
            .field("name", .string, .required)
            .field("certificate_no", .string, .required)
            .field("legal_person", .string, .required)
            .field("manager", .string, .required)
            .field("manager_phone", .string, .required)
            .field("address", .string, .required)
            .field("region_code", .string, .required, .references("regions", "code"))
            .field("certificate_issued", .string)
            .field("certificate_expires", .string)
            .field("level", .string)
            .field("office_address", .string)
            .field("phone", .string)
            .field("credit_code", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "name", name: "companies_name_unique")
            .unique(on: "certificate_no", name: "companies_certificate_no_unique")
            .create()
        try await database.createIndex("companies_region_code", on: "companies", columns: ["region_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("companies").delete()
    }
}

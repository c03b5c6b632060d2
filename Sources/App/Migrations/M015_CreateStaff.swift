import Fluent

struct M015_CreateStaff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff")
            .id()
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("name", .string, .required)
            .field("job_type", .string, .required)
            .field("id_number", .string, .required)
            .field("certificate_no", .string, .required)
            .field("certificate_issued", .string, .required)
            .field("certificate_expires", .string, .required)
            .field("phone", .string, .required)
            .field("created_at", .datetime, .required)
            // One company at a time per person, enforced by the database as well as the form.
            .unique(on: "id_number", name: "staff_id_number_unique")
            .create()
        // The register's list: a company's staff by name or by certificate date.
        try await database.createIndex("staff_company_name", on: "staff", columns: ["company_id", "name"])
        try await database.createIndex("staff_company_issued", on: "staff", columns: ["company_id", "certificate_issued"])
        try await database.createIndex("staff_company_phone", on: "staff", columns: ["company_id", "phone"])
        // The default order: newest first.
        try await database.createIndex("staff_company_created", on: "staff", columns: ["company_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff").delete()
    }
}

import Fluent

struct M018_CreateElevators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("elevators")
            .id()
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("equipment_name", .string, .required)
            .field("registration_code", .string, .required)
            .field("internal_no", .string, .required)
            .field("rescue_code", .string)
            .field("inspection_date", .string, .required)
            .field("next_inspection_date", .string, .required)
            .field("user_unit", .string, .required)
            .field("manufacturer", .string, .required)
            .field("safety_manager", .string, .required)
            .field("safety_manager_phone", .string, .required)
            .field("region_code", .string, .required)
            .field("region_name", .string, .required)
            .field("address", .string, .required)
            .field("created_at", .datetime, .required)
            // One company at a time per elevator, and one elevator per rescue code, enforced by the
            // database as well as the form (NULL rescue codes do not collide).
            .unique(on: "registration_code", name: "elevators_registration_code_unique")
            .unique(on: "rescue_code", name: "elevators_rescue_code_unique")
            .create()
        // A company's register in each sortable order; the default order is newest first.
        for column in ["created_at", "registration_code", "inspection_date", "next_inspection_date"] {
            try await database.createIndex("elevators_company_\(column)", on: "elevators", columns: ["company_id", column])
        }
        // A regulator's view: the elevators standing in its region, newest first.
        try await database.createIndex("elevators_region_created", on: "elevators", columns: ["region_code", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("elevators").delete()
    }
}

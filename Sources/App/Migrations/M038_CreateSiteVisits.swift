import Fluent
import SQLKit

/// 维保签到 (issue 15): worker accounts, the code in each car, and the visits with their check-ins.
/// - `users.staff_filing_id`: a 维保人员 account is the login of one approved staff filing (at most one);
/// - `elevator_safety_codes`: the current token of each elevator's QR sticker (a new one replaces it when a
///   regulator rotates it, so a copied sticker stops working);
/// - `site_visits`: one visit of a company's workers at an elevator, open from the first check-in to the
///   check-out; at most one open visit per company and elevator (a partial unique index, so two workers
///   scanning at once join one visit);
/// - `visit_checks`: each worker's check-in and check-out, with the phone's time and place and the server's
///   receipt time; one of each kind per worker and visit.
struct M038_CreateSiteVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("staff_filing_id", .uuid).update()
        try await database.createIndex("users_staff_filing", on: "users", columns: ["staff_filing_id"], unique: true)

        try await database.schema("elevator_safety_codes")
            .field("elevator_filing_id", .uuid, .identifier(auto: false))
            .field("token", .string, .required)
            .field("generation", .int, .required)
            .field("issued_at", .datetime, .required)
            .field("issued_by_id", .uuid)
            .create()
        try await database.createIndex("elevator_safety_codes_token", on: "elevator_safety_codes", columns: ["token"], unique: true)

        try await database.schema("site_visits")
            .id()
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("elevator_filing_id", .uuid, .required)
            .field("region_code", .string, .required)
            .field("registration_code", .string, .required)
            .field("equipment_name", .string, .required)
            .field("user_unit", .string, .required)
            .field("status", .string, .required)
            .field("started_at", .datetime, .required)
            .field("last_check_in_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("record_id", .uuid)
            .create()
        let sql = try database.sql()
        try await sql.raw("""
            CREATE UNIQUE INDEX site_visits_one_open ON site_visits (company_id, elevator_filing_id) WHERE status = 'open'
            """).run()
        try await database.createIndex("site_visits_company_started", on: "site_visits", columns: ["company_id", "started_at"])
        try await database.createIndex("site_visits_region_started", on: "site_visits", columns: ["region_code", "started_at"])
        try await database.createIndex("site_visits_elevator_started", on: "site_visits", columns: ["elevator_filing_id", "started_at"])
        try await database.createIndex("site_visits_record", on: "site_visits", columns: ["record_id"])

        try await database.schema("visit_checks")
            .id()
            .field("visit_id", .uuid, .required, .references("site_visits", "id"))
            .field("company_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .field("staff_filing_id", .uuid, .required)
            .field("worker_name", .string, .required)
            .field("kind", .string, .required)
            .field("method", .string, .required)
            .field("device_time", .datetime)
            .field("received_at", .datetime, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("accuracy", .double)
            .create()
        try await database.createIndex("visit_checks_one_each", on: "visit_checks", columns: ["visit_id", "user_id", "kind"], unique: true)
        try await database.createIndex("visit_checks_user_received", on: "visit_checks", columns: ["user_id", "received_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("visit_checks").delete()
        try await database.schema("site_visits").delete()
        try await database.schema("elevator_safety_codes").delete()
        try await database.dropIndex("users_staff_filing")
        try await database.schema("users").deleteField("staff_filing_id").update()
    }
}

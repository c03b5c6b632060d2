import Fluent

/// 使用单位确认 (issue 15): the user unit's confirmer signs a visit on the worker's phone, and may confirm it
/// with a code sent to their own mobile. One row per visit: the confirmer, the code (its hash, when sent,
/// until when, the tries claimed so far, when it was verified), the signature (a PNG in the file storage by
/// its SHA-256) and when and on whose phone it was signed. Signed once; the record's evidence digest covers it.
struct M042_CreateVisitConfirmations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("visit_confirmations")
            .field("visit_id", .uuid, .identifier(auto: false), .references("site_visits", "id"))
            .field("company_id", .uuid, .required)
            .field("confirmer_name", .string, .required)
            .field("confirmer_phone", .string, .required)
            .field("code_hash", .string, .required)
            .field("code_sent_at", .datetime)
            .field("code_expires_at", .datetime)
            .field("code_attempts", .int, .required)
            .field("code_verified_at", .datetime)
            .field("signature_sha256", .string, .required)
            .field("signed_at", .datetime)
            .field("signed_by_id", .uuid)
            .field("signed_by_name", .string, .required)
            .field("device_time", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("visit_confirmations").delete()
    }
}

import Fluent

/// What a filed record's evidence digest covers, and what each visit was asked for (issue 15, after review):
/// - `visit_checks.covered_by_record`: set on the visit's check-ins and check-outs in the transaction that files
///   its record; the digest covers exactly those, so a check-out after the record (the worker files, then
///   leaves) does not make `verify-records` report a change;
/// - `site_visits.required_photos`: the photos the rules asked of the visit when it began (0 for visits from
///   before photos existed, so re-judging an old record does not raise 照片不足);
/// - one row per photo's bytes in a visit, so a double tap cannot store the same photo twice.
struct M043_CoverVisitEvidence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("visit_checks").field("covered_by_record", .uuid).update()
        try await database.schema("site_visits").field("required_photos", .int, .required, .sql(.default(0))).update()
        try await database.createIndex("visit_photos_once", on: "visit_photos", columns: ["visit_id", "sha256"], unique: true)
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("visit_photos_once")
        try await database.schema("site_visits").deleteField("required_photos").update()
        try await database.schema("visit_checks").deleteField("covered_by_record").update()
    }
}

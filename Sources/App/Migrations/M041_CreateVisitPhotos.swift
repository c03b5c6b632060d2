import Fluent
import SQLKit

/// 现场照片 (issue 15): the photos the workers take at a visit, and the record's evidence digest.
/// - `visit_photos`: each photo with its slot (机房, 轿顶, 底坑, 其他), the SHA-256 of its bytes and of its
///   thumbnail (both kept in the file storage), its perceptual hash, and the earlier photo of the company it
///   repeats, if any. The hash is also stored as its eight bytes (`h0`…`h7`), each indexed with the company:
///   two hashes within 7 bits of each other share at least one byte exactly, so the earlier photos a new one
///   may repeat are found through an index rather than by reading all of the company's photos.
/// - `site_visits.photo_count`: the photos taken so far, claimed by a conditional update in the photo's
///   transaction so the cap per visit holds under parallel uploads;
/// - `maintenance_records.evidence_digest`: the SHA-256 over the visit's check-ins, photos and the user
///   unit's confirmation as they stood when the record was filed; the record's chained hash covers it.
struct M041_CreateVisitPhotos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        var photos = database.schema("visit_photos")
            .id()
            .field("visit_id", .uuid, .required, .references("site_visits", "id"))
            .field("company_id", .uuid, .required)
            .field("slot", .string, .required)
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("thumbnail_sha256", .string, .required)
            .field("phash", .int64, .required)
        for band in 0..<8 { photos = photos.field(.string("h\(band)"), .int, .required) }
        try await photos
            .field("user_id", .uuid, .required)
            .field("worker_name", .string, .required)
            .field("device_time", .datetime)
            .field("received_at", .datetime, .required)
            .field("duplicate_of", .uuid)
            .field("duplicate_note", .string, .required)
            .create()
        try await database.createIndex("visit_photos_visit", on: "visit_photos", columns: ["visit_id", "received_at"])
        for band in 0..<8 {
            try await database.createIndex("visit_photos_h\(band)", on: "visit_photos", columns: ["company_id", "h\(band)"])
        }
        try await database.schema("site_visits").field("photo_count", .int, .required, .sql(.default(0))).update()
        try await database.schema("maintenance_records").field("evidence_digest", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("maintenance_records").deleteField("evidence_digest").update()
        try await database.schema("site_visits").deleteField("photo_count").update()
        try await database.schema("visit_photos").delete()
    }
}

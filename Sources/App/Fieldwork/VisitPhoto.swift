import Fluent
import Foundation
import SitePhoto
import Supervision

/// A photo a worker took at a visit (现场照片): its bytes and its thumbnail in the file storage by their
/// SHA-256, its perceptual hash, and — when it repeats an earlier photo of the company — which one and a
/// note for the regulator. Never changed or deleted: a retake is another photo.
final class VisitPhoto: Model, @unchecked Sendable {
    static let schema = "visit_photos"

    @ID(key: .id) var id: UUID?
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "company_id") var companyID: UUID
    /// 机房, 轿顶, 底坑 or 其他.
    @Field(key: "slot") var slot: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "thumbnail_sha256") var thumbnailSHA256: String
    @Field(key: "phash") var phash: Int64
    @Field(key: "h0") var h0: Int
    @Field(key: "h1") var h1: Int
    @Field(key: "h2") var h2: Int
    @Field(key: "h3") var h3: Int
    @Field(key: "h4") var h4: Int
    @Field(key: "h5") var h5: Int
    @Field(key: "h6") var h6: Int
    @Field(key: "h7") var h7: Int
    @Field(key: "user_id") var userID: UUID
    @Field(key: "worker_name") var workerName: String
    @OptionalField(key: "device_time") var deviceTime: Date?
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "duplicate_of") var duplicateOf: UUID?
    /// What it repeats, as the regulator reads it; empty when it repeats nothing.
    @Field(key: "duplicate_note") var duplicateNote: String

    init() {}

    var hash: PerceptualHash { PerceptualHash(signed: phash) }

    /// The hash and its eight band columns, from one value.
    func setHash(_ hash: PerceptualHash) {
        phash = hash.signed
        let b = hash.bands
        (h0, h1, h2, h3, h4, h5, h6, h7) = (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
    }

    /// The slots a photo may be filed under, in the page's order: the rules' labelled ones, then 其他 for any more.
    static let slots = SiteEvidenceRules.photoSlots + ["其他"]
}

extension VisitPhoto {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $visitID, $companyID, $slot, $sha256, $size, $width, $height, $thumbnailSHA256, $phash,
            $h0, $h1, $h2, $h3, $h4, $h5, $h6, $h7, $userID, $workerName, $deviceTime, $receivedAt, $duplicateOf, $duplicateNote,
        ]
    }
}

import Fluent
import Vapor

/// One approved version of a filed record: the archive. Never updated or deleted.
final class FilingVersion: Model, @unchecked Sendable {
    static let schema = "filing_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "filing_id") var filingID: UUID
    @Field(key: "version") var version: Int
    /// `FilingSnapshot` as JSON.
    @Field(key: "snapshot") var snapshot: String
    @Enum(key: "info_status") var infoStatus: InfoStatus
    @Field(key: "approved_at") var approvedAt: Date
    @Field(key: "reviewer_id") var reviewerID: UUID
    @Field(key: "reviewer_name") var reviewerName: String
    @Field(key: "opinion") var opinion: String

    init() {}
}

extension FilingVersion {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $filingID, $version, $snapshot, $infoStatus, $approvedAt, $reviewerID, $reviewerName, $opinion
        ]
    }
}

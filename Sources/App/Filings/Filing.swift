import Fluent
import Vapor

/// The filing state of one record (a company's information, a staff member, an elevator): its two
/// statuses, the last opinion and the number of its latest archived version. The record's working
/// fields stay in the record's own table; approved versions are `FilingVersion`s.
final class Filing: Model, @unchecked Sendable {
    static let schema = "filings"

    @ID(key: .id) var id: UUID?
    @Enum(key: "kind") var kind: FilingKind
    @Field(key: "record_id") var recordID: UUID
    /// The company that files it: the only company that may see or change it.
    @Field(key: "company_id") var companyID: UUID
    /// Where the record is, for the regulators' region scope.
    @Field(key: "region_code") var regionCode: String
    /// A short name for lists and the review queue (company name, person's name, registration code).
    @Field(key: "subject") var subject: String
    @Enum(key: "review_status") var reviewStatus: ReviewStatus
    @Enum(key: "info_status") var infoStatus: InfoStatus
    @OptionalField(key: "opinion") var opinion: String?
    /// Bumped by every transition; a decision names the revision it saw, so two reviewers deciding the
    /// same record at once cannot both succeed.
    @Field(key: "revision") var revision: Int
    /// 0 until first approved.
    @Field(key: "archived_version") var archivedVersion: Int
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// Set when a never-approved record was deleted: the filing and its history stay, the record is gone.
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: FilingStateMachine.State {
        get { .init(review: reviewStatus, info: infoStatus) }
        set { reviewStatus = newValue.review; infoStatus = newValue.info }
    }

    /// The opinion as the manual's lists show it: "已通过" for a plain approval.
    var opinionText: String { Self.opinionText(opinion, reviewStatus: reviewStatus.rawValue) }

    /// The 审核意见 column: the regulator's words, or 已通过 for an approval without words.
    static func opinionText(_ opinion: String?, reviewStatus: String) -> String {
        if let opinion, !opinion.isEmpty { return opinion }
        return reviewStatus == ReviewStatus.approved.rawValue ? "已通过" : ""
    }
}

extension Filing {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $kind, $recordID, $companyID, $regionCode, $subject, $reviewStatus, $infoStatus, $opinion, $revision,
            $archivedVersion, $submittedAt, $closedAt, $createdAt, $updatedAt
        ]
    }
}

import Fluent
import Vapor

/// One entry of a record's history: who did what when, the statuses before and after, the opinion,
/// and the snapshot (submit, approve) or the changed fields (edit). Written in the same transaction
/// as the change it records; never updated or deleted.
final class FilingEvent: Model, @unchecked Sendable {
    static let schema = "filing_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "filing_id") var filingID: UUID
    /// The filing's revision after this event: orders a record's history even within one second.
    @Field(key: "revision") var revision: Int
    @Field(key: "at") var at: Date
    @Enum(key: "action") var action: FilingAction
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "from_review") var fromReview: String
    @Field(key: "to_review") var toReview: String
    @Field(key: "from_info") var fromInfo: String
    @Field(key: "to_info") var toInfo: String
    @Field(key: "opinion") var opinion: String
    /// JSON: a `FilingSnapshot` (create, submit, approve) or `[FilingSnapshot.Change]` (edit).
    @Field(key: "detail") var detail: String

    init() {}
}

extension FilingEvent {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $filingID, $revision, $at, $action, $actorID, $actorName, $fromReview, $toReview, $fromInfo, $toInfo,
            $opinion, $detail
        ]
    }
}

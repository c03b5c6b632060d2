import Fluent
import FluentSQL
import SQLKit
import Vapor

/// The kept count of open filings per kind, company, region and status (M035's triggers keep it in the
/// transaction of each filing change). Totals for the start page and the 待审核 badge read it; the lists
/// count their own rows (capped) because their queries narrow by more than these keys.
final class FilingCount: Model, @unchecked Sendable {
    static let schema = "filing_counts"

    // The table's key is the five columns; Fluent needs an id, and these rows are only read and summed.
    @ID(custom: "kind", generatedBy: .user) var id: String?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "review_status") var reviewStatus: String
    @Field(key: "info_status") var infoStatus: String
    @Field(key: "n") var n: Int

    init() {}

    /// Open filings of `kind` in `scope` (a company's own; a regulator's by the filings' approved region),
    /// with a review status among `statuses` (all when nil), leaving out drafts never submitted when asked.
    static func total(_ kind: FilingKind, in scope: AccessScope, statuses: [ReviewStatus]? = nil,
                      withoutUnsubmittedDrafts: Bool = false, on db: any Database) async throws -> Int {
        let query = try scope.apply(FilingCount.query(on: db).filter(\.$id == kind.rawValue), company: \.$companyID, region: \.$regionCode)
        if let statuses { query.filter(\.$reviewStatus ~~ statuses.map(\.rawValue)) }
        if withoutUnsubmittedDrafts {
            query.group(.or) { $0.filter(\.$reviewStatus != ReviewStatus.draft.rawValue).filter(\.$infoStatus != InfoStatus.new.rawValue) }
        }
        return try await query.sumOfN()
    }

    /// Filings waiting for review in `scope`, of every kind.
    static func pending(in scope: AccessScope, on db: any Database) async throws -> Int {
        let query = try scope.apply(FilingCount.query(on: db).filter(\.$reviewStatus == ReviewStatus.pending.rawValue),
                                    company: \.$companyID, region: \.$regionCode)
        return try await query.sumOfN()
    }
}

extension QueryBuilder where Model == FilingCount {
    /// SUM(n) as a whole number on both engines (PostgreSQL's SUM of a BIGINT is a NUMERIC), 0 for no rows.
    func sumOfN() async throws -> Int {
        try await aggregate(.custom(SQLAlias(SQLRaw("CAST(COALESCE(SUM(n), 0) AS BIGINT)"),
                                             as: SQLIdentifier(FieldKey.aggregate.description))), as: Int.self)
    }
}

extension FilingCount {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $companyID, $regionCode, $reviewStatus, $infoStatus, $n] }
}

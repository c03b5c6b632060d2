import Fluent
import Vapor

/// The read-only page of one filed record (查看): fields, both statuses, the opinion, attachments,
/// archived versions and history. The same page serves every kind of record and every role.
struct FilingViewPage: Encodable {
    let layout: Layout
    let heading: String
    let kindTitle: String
    let reviewStatus: String
    let infoStatus: String
    let opinion: String
    let fields: [FilingSnapshot.Field]
    let attachments: [AttachmentView]
    /// Only a company's information carries attachments.
    let hasAttachments: Bool
    let history: FilingHistoryView
    let backURL: String
    let reviewURL: String?
    /// An elevator's maintenance and inspection records.
    let records: ElevatorRecordsView?

    static func build(_ req: Request, filing: Filing, heading: String, snapshot: FilingSnapshot,
                      attachments: [AttachmentView], backURL: String) async throws -> FilingViewPage {
        let canReview = req.currentUser?.role != .company && filing.reviewStatus == .pending
        return FilingViewPage(
            layout: await req.layout(heading), heading: heading, kindTitle: filing.kind.title,
            reviewStatus: filing.reviewStatus.rawValue, infoStatus: filing.infoStatus.rawValue, opinion: filing.opinionText,
            fields: req.idNumberMask.fields(snapshot.fields), attachments: attachments, hasAttachments: filing.kind == .company,
            history: try await FilingHistoryView.load(filing, on: req.db, mask: req.idNumberMask),
            backURL: backURL, reviewURL: canReview ? SiteURL.reviewDetail(filing.id).path : nil,
            records: filing.kind == .elevator
                ? try await ElevatorRecordsView.load(filingID: try filing.requireID(), code: snapshot.value("registration_code") ?? "",
                                                     archived: try await ArchivedElevator.find(filing.id, on: req.db) != nil, req: req)
                : nil)
    }
}

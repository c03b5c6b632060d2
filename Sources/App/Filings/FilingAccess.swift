import Fluent
import Vapor

/// Who may see a filed record: the user's `AccessScope`, by the filing's company and its region (the
/// approved one once approved; see `FilingService.recordEdit`). Everything that serves a record or one of
/// its files asks here; a record the user may not see answers 404, so its existence is not given away.
extension Request {
    func canSee(_ filing: Filing) async throws -> Bool {
        try await accessScope().contains(company: filing.companyID, region: filing.regionCode)
    }

    /// The filing, if it exists and the user may see it.
    func visibleFiling(_ id: UUID?) async throws -> Filing {
        guard let id, let filing = try await Filing.find(id, on: db), try await canSee(filing) else { throw AppError.notFound }
        return filing
    }

    var filingActor: FilingActor {
        FilingActor(id: currentUser?.id, name: currentUser.map { "\($0.displayName)（\($0.username)）" } ?? "系统")
    }

    func filingService() -> FilingService {
        FilingService(db: db, now: clock.now(), actor: filingActor)
    }
}

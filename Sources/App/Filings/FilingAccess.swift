import Fluent
import Vapor

/// Who may see a filed record: its own company, regulators whose region contains it, admins.
/// Everything that serves a record or one of its files asks here; a record the user may not see
/// answers 404, so its existence is not given away.
extension Request {
    private struct ScopeKey: StorageKey { typealias Value = RegionScope }

    /// The current regulator's scope, looked up once per request.
    func regulatorScope() async throws -> RegionScope {
        if let cached = storage[ScopeKey.self] { return cached }
        guard let user = currentUser, user.role == .regulator, let code = user.regionCode,
              let scope = try await RegionDirectory(db: db).scope(of: code) else { throw AppError.forbidden }
        storage[ScopeKey.self] = scope
        return scope
    }

    func canSee(_ filing: Filing) async throws -> Bool {
        guard let user = currentUser else { return false }
        switch user.role {
        case .company: return user.companyID == filing.companyID
        case .regulator: return try await regulatorScope().contains(filing.regionCode)
        case .admin: return true
        case .security, .auditor: return false
        }
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

import Fluent
import Vapor

/// The logged-in account of this request, loaded once from the session by `CurrentUserMiddleware`.
struct CurrentUser: Sendable {
    let id: UUID
    let username: String
    let role: UserRole
    let displayName: String
    let companyID: UUID?
    /// A regulator's supervised region.
    let regionCode: String?
    /// A 维保人员's staff filing.
    var staffFilingID: UUID? = nil
    /// What the account must do before anything else (see `IdentityPolicy`).
    var pendingStep: IdentityPolicy.Step? = nil
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// The current user, or a refusal for anonymous requests.
    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw AppError.notLoggedIn }
        return user
    }

    func logIn(_ user: User) async throws {
        // A fresh session id at login: a session id planted before login is worth nothing after it.
        if let old = session.id {
            session.id = nil
            try await StoredSession.query(on: db).filter(\.$id == old.string).delete()
        }
        session.data["uid"] = try user.requireID().uuidString
        if user.role == .worker { session.data[DatabaseSessionDriver.fieldSessionMark.key] = DatabaseSessionDriver.fieldSessionMark.value }
        // As stored: the stamp is compared with the row read back on every request.
        session.data["cred"] = Self.credentialStamp(of: try await User.find(user.requireID(), on: db) ?? user)
    }

    /// Which password a session logged in with: when the password is set again (changed, reset, recovered),
    /// every other session of the account ends at its next request. Whole seconds, so the value read back
    /// from either database compares equal.
    static func credentialStamp(of user: User) -> String {
        String(Int((user.passwordChangedAt ?? user.createdAt).timeIntervalSince1970.rounded(.down)))
    }

    func logOut() {
        currentUser = nil
        session.destroy()
    }
}

/// Loads the session's user; a disabled or deleted account is logged out at once.
struct CurrentUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let raw = request.session.data["uid"], let id = UUID(uuidString: raw) {
            if let user = try await User.find(id, on: request.db), !user.disabled,
               request.session.data["cred"] == Request.credentialStamp(of: user) {
                request.currentUser = CurrentUser(
                    id: id, username: user.username, role: user.role, displayName: user.displayName,
                    companyID: user.$company.id, regionCode: user.regionCode, staffFilingID: user.staffFilingID,
                    pendingStep: IdentityPolicy(request.config).pendingStep(of: user, now: request.clock.now()))
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

/// Lets through only the given roles. Anonymous page requests go to the login page.
struct RoleGuard: AsyncMiddleware {
    let roles: Set<UserRole>

    init(_ roles: UserRole...) { self.roles = Set(roles) }
    init(_ roles: [UserRole]) { self.roles = Set(roles) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.currentUser else {
            if request.method == .GET { return request.redirect(to: SiteURL.login.path) }
            throw AppError.notLoggedIn
        }
        guard roles.contains(user.role) else { throw AppError.forbidden }
        return try await next.respond(to: request)
    }
}

import Vapor

/// What 等保 level 3 asks of an account before it may work: a password that is neither expired nor one
/// someone else has seen, and a second factor where its role requires one. Until then every page leads to
/// the step that is missing; only that step, the captcha and 退出 answer.
struct IdentityPolicy {
    enum Step: Sendable, Equatable {
        /// The password is a temporary or printed one (`expired` false) or older than the maximum age.
        case changePassword(expired: Bool)
        case enrolSecondFactor
    }

    let maxPasswordAge: TimeInterval?
    let secondFactorRoles: Set<UserRole>

    init(_ config: AppConfig) {
        maxPasswordAge = config.passwordMaxAgeDays.map { TimeInterval($0) * 86_400 }
        secondFactorRoles = config.secondFactorRoles
    }

    func pendingStep(of user: User, now: Date) -> Step? {
        if user.passwordMustChange { return .changePassword(expired: false) }
        if let maxPasswordAge, now.timeIntervalSince(user.passwordChangedAt ?? user.createdAt) >= maxPasswordAge {
            return .changePassword(expired: true)
        }
        if secondFactorRoles.contains(user.role), user.totpEnabledAt == nil { return .enrolSecondFactor }
        return nil
    }

    func requiresSecondFactor(_ role: UserRole) -> Bool { secondFactorRoles.contains(role) }
}

/// Holds an account with a pending step (see `IdentityPolicy`) on that step's page.
struct PendingStepMiddleware: AsyncMiddleware {
    static let open: Set<String> = [SiteURL.changePassword.path, SiteURL.secondFactor.path, SiteURL.logout.path, SiteURL.captcha.path]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let step = request.currentUser?.pendingStep, !Self.open.contains(request.url.path) else {
            return try await next.respond(to: request)
        }
        switch step {
        case .changePassword(let expired):
            return request.redirect(to: .changePassword, notice: expired
                ? "您的密码已使用超过\(request.config.passwordMaxAgeDays ?? 0)天，请先修改密码。"
                : "您正在使用临时密码，请先修改密码。", kind: .info)
        case .enrolSecondFactor:
            return request.redirect(to: .secondFactor, notice: "您的账号须启用两步验证：请先用认证器应用绑定。", kind: .info)
        }
    }
}

import Fluent
import QRCode
import SecondFactor
import Vapor

/// 两步验证: the login's second step, and an account's enrolment (QR code shown once, confirmed with a
/// code from the app) and recovery codes.
struct SecondFactorController {
    /// How long the second step waits after the password was right.
    static let pendingLifetime: TimeInterval = 5 * 60

    struct CodeInput: Content { var code: String? }

    static func codeField(error: String?) -> [FormField] {
        [FormField(name: "code", label: "动态验证码", kind: .text, error: error, required: true,
                   hint: "认证器应用中显示的6位数字；手机丢失时可输入一个恢复码", autocomplete: "one-time-code", maxLength: 20)]
    }

    // MARK: The login's second step

    /// Called by the login once the password was right for an account with a second factor.
    static func begin(_ req: Request, user: User) throws -> Response {
        req.session.data["pending_uid"] = try user.requireID().uuidString
        req.session.data["pending_at"] = String(Int(req.clock.now().timeIntervalSince1970))
        return req.redirect(to: SiteURL.loginVerify.path)
    }

    func showVerify(_ req: Request) async throws -> Response {
        guard try await pendingUser(req) != nil else { return req.redirect(to: .login, notice: "请重新登录。", kind: .info) }
        return try await renderVerify(req, error: nil)
    }

    func submitVerify(_ req: Request) async throws -> Response {
        guard let user = try await pendingUser(req) else {
            return req.redirect(to: .login, notice: "登录已超时，请重新输入用户名和密码。", kind: .info)
        }
        let input = try req.content.decode(CodeInput.self)
        let service = SecondFactorService(db: req.db, audit: req.audit)
        let detail: String
        switch try await service.verify(input.code ?? "", for: user) {
        case .totp:
            detail = "密码＋动态验证码"
        case .recoveryCode(let left):
            detail = "密码＋恢复码（剩余\(left)个）"
            req.flash("您使用了一个恢复码，还剩\(left)个。请在“两步验证”中重新生成恢复码。", kind: .info)
        case .wrong(let message):
            try await req.audit.record(.loginFailed, username: user.username, userID: user.id, detail: "动态验证码错误")
            return try await renderVerify(req, error: message, status: .unauthorized)
        }
        req.session.data["pending_uid"] = nil
        req.session.data["pending_at"] = nil
        try await LoginService(db: req.db, hasher: req.application.password, audit: req.audit).complete(user, detail: detail)
        try await req.logIn(user)
        return req.redirect(to: SiteURL.home.path)
    }

    private func pendingUser(_ req: Request) async throws -> User? {
        guard req.hasSession, let raw = req.session.data["pending_uid"], let id = UUID(uuidString: raw),
              let at = req.session.data["pending_at"].flatMap(Double.init),
              req.clock.now().timeIntervalSince1970 - at < Self.pendingLifetime,
              let user = try await User.find(id, on: req.db), !user.disabled, user.totpEnabledAt != nil else { return nil }
        return user
    }

    private func renderVerify(_ req: Request, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(
            layout: await req.layout("两步验证"), heading: "两步验证",
            intro: "密码正确。请打开手机上的认证器应用，输入本系统账号当前显示的6位动态验证码。",
            fields: Self.codeField(error: error), action: SiteURL.loginVerify.path,
            submitLabel: "验证并登录", backURL: SiteURL.login.path, captchaURL: nil, formError: nil), status: status)
    }

    // MARK: 两步验证 (the account's own page)

    struct Page: Encodable {
        let layout: Layout
        let enrolled: Bool
        let required: Bool
        let enrolledAt: String?
        let recoveryCodesLeft: Int
        /// Enrolment: the QR code (an SVG data URI), the secret for typing by hand, the account name shown.
        let qrImage: String?
        let secretGroups: String?
        let issuer: String
        let account: String
        let fields: [FormField]
        let action: String
        /// Shown once, right after enrolment or renewal.
        let recoveryCodes: [String]
    }

    func show(_ req: Request) async throws -> Response {
        let user = try await currentAccount(req)
        return try await render(req, user: user, error: nil, codes: [])
    }

    /// Confirms an enrolment with a code from the app, or (enrolled) renews the recovery codes with one.
    func submit(_ req: Request) async throws -> Response {
        let user = try await currentAccount(req)
        let input = try req.content.decode(CodeInput.self)
        let service = SecondFactorService(db: req.db, audit: req.audit)
        if user.totpEnabledAt == nil {
            guard let secret = req.session.data["enrol_secret"].flatMap(Base32.decode) else {
                return try await render(req, user: user, error: "绑定已超时，请重新扫描二维码", codes: [], status: .unprocessableEntity)
            }
            guard let codes = try await service.enrol(user, secret: secret, typed: input.code ?? "") else {
                return try await render(req, user: user, error: "动态验证码不正确：请确认手机时间准确，并输入应用中当前显示的6位数字",
                                        codes: [], status: .unprocessableEntity)
            }
            req.session.data["enrol_secret"] = nil
            return try await render(req, user: user, error: nil, codes: codes)
        }
        switch try await service.verify(input.code ?? "", for: user) {
        case .totp, .recoveryCode:
            return try await render(req, user: user, error: nil, codes: try await service.regenerateRecoveryCodes(user))
        case .wrong(let message):
            return try await render(req, user: user, error: message, codes: [], status: .unprocessableEntity)
        }
    }

    private func currentAccount(_ req: Request) async throws -> User {
        let current = try req.requireUser()
        guard let user = try await User.find(current.id, on: req.db) else { throw AppError.notLoggedIn }
        return user
    }

    private func render(_ req: Request, user: User, error: String?, codes: [String], status: HTTPStatus = .ok) async throws -> Response {
        let issuer = req.config.systemTitle
        var qrImage: String?, secretGroups: String?
        if user.totpEnabledAt == nil {
            // One secret per enrolment attempt, kept in the session until confirmed: reloading the page
            // shows the same QR code, so a scan made a moment ago still matches.
            let secret = req.session.data["enrol_secret"].flatMap(Base32.decode) ?? TOTPSecret.generate()
            req.session.data["enrol_secret"] = Base32.encode(secret)
            let uri = OTPAuthURI(issuer: issuer, account: user.username, secret: secret).string
            let svg = try QRCode.encode(uri, correction: .medium).svg(moduleSize: 5, quietZone: 4, title: "两步验证二维码")
            qrImage = "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
            secretGroups = Self.grouped(Base32.encode(secret))
        }
        let left = user.id == nil ? 0 : try await SecondFactorService(db: req.db, audit: req.audit).recoveryCodesLeft(try user.requireID())
        return try await req.render("second-factor", Page(
            layout: await req.layout("两步验证"), enrolled: user.totpEnabledAt != nil,
            required: IdentityPolicy(req.config).requiresSecondFactor(user.role),
            enrolledAt: user.totpEnabledAt.map(DisplayDate.minute), recoveryCodesLeft: left,
            qrImage: qrImage, secretGroups: secretGroups, issuer: issuer, account: user.username,
            fields: Self.codeField(error: error).map { field in
                var field = field
                field.hint = user.totpEnabledAt == nil ? "扫描二维码后，输入应用中显示的6位数字以完成绑定" : "输入当前的6位动态验证码以确认是您本人"
                return field
            },
            action: SiteURL.secondFactor.path, recoveryCodes: codes), status: status)
    }

    /// The secret in groups of four, as people type it by hand.
    static func grouped(_ text: String) -> String {
        stride(from: 0, to: text.count, by: 4).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex)])
        }.joined(separator: " ")
    }
}

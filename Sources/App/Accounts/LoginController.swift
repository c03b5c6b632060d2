import Fluent
import Vapor

/// 用户登录 (manual 1.2), the captcha image and 退出.
struct LoginController {
    struct LoginPage: Encodable {
        let layout: Layout
        let username: String
        let error: String?
        let captchaURL: String
        let captchaEnabled: Bool
        let registerURL: String
        let forgotURL: String
        let action: String
    }

    struct LoginInput: Content {
        var username: String?
        var password: String?
        var captcha: String?
    }

    func show(_ req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.home.path) }
        return try await render(req, username: "", error: nil)
    }

    func submit(_ req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        let captchaPassed = CaptchaService(request: req).check(input.captcha ?? "")
        let service = LoginService(db: req.db, hasher: req.application.password, audit: req.audit)
        switch try await service.attempt(username: input.username ?? "", password: input.password ?? "", captchaPassed: captchaPassed) {
        case .success(let user):
            if user.totpEnabledAt != nil { return try SecondFactorController.begin(req, user: user) }
            try await req.logIn(user)
            return req.redirect(to: SiteURL.home.path)
        case .failure(.rejected(let message)):
            return try await render(req, username: input.username ?? "", error: message, status: .unauthorized)
        case .failure(.throttled):
            return try await render(req, username: input.username ?? "",
                                    error: "登录尝试过于频繁，请10分钟后再试", status: .tooManyRequests)
        }
    }

    func captcha(_ req: Request) async throws -> Response {
        let png = CaptchaService(request: req).issue()
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(png)))
    }

    func logout(_ req: Request) async throws -> Response {
        if let user = req.currentUser {
            try await req.audit.record(.logout, username: user.username, userID: user.id)
        }
        req.logOut()
        return req.redirect(to: SiteURL.login.path)
    }

    private func render(_ req: Request, username: String, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("login", LoginPage(
            layout: await req.layout("用户登录"), username: username, error: error,
            captchaURL: SiteURL.captcha.path, captchaEnabled: req.config.captchaEnabled,
            registerURL: SiteURL.register.path, forgotURL: SiteURL.forgotPassword.path,
            action: SiteURL.login.path), status: status)
    }
}

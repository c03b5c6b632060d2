import Fluent
import Validation
import Vapor

/// 修改密码, 找回密码 (request a code) and setting a new password with the code.
struct PasswordController {
    // MARK: 修改密码

    struct ChangeInput: Content {
        var oldPassword: String?
        var newPassword: String?
        var newPasswordConfirm: String?
        enum CodingKeys: String, CodingKey {
            case oldPassword = "old_password", newPassword = "new_password", newPasswordConfirm = "new_password_confirm"
        }
    }

    static let changeFields = [
        FormField(name: "old_password", label: "原密码", kind: .password, required: true, autocomplete: "current-password"),
        FormField(name: "new_password", label: "新密码", kind: .password, required: true,
                  hint: "至少8位，含大写字母、小写字母、数字、符号中的三类", autocomplete: "new-password"),
        FormField(name: "new_password_confirm", label: "确认新密码", kind: .password, required: true, autocomplete: "new-password"),
    ]

    func showChange(_ req: Request) async throws -> Response {
        try await renderChange(req, errors: FieldErrors())
    }

    func submitChange(_ req: Request) async throws -> Response {
        let current = try req.requireUser()
        let input = try req.content.decode(ChangeInput.self)
        guard let user = try await User.find(current.id, on: req.db) else { throw AppError.notLoggedIn }
        var errors = FieldErrors()
        if try !req.application.password.verify(input.oldPassword ?? "", created: user.passwordHash) {
            errors.add("old_password", "原密码不正确")
        }
        if case .failure(let e) = PasswordPolicy.validate(input.newPassword ?? "") { errors.add("new_password", e.message) }
        if input.newPassword == input.oldPassword, errors["new_password"] == nil, errors["old_password"] == nil {
            errors.add("new_password", "新密码不能与原密码相同")
        }
        if input.newPasswordConfirm != input.newPassword { errors.add("new_password_confirm", "两次输入的新密码不一致") }
        let keeper = PasswordKeeper(hasher: req.application.password, now: req.clock.now())
        if errors.isEmpty, try await keeper.isRecent(input.newPassword ?? "", for: user, on: req.db) {
            errors.add("new_password", PasswordKeeper.reuseMessage)
        }
        guard errors.isEmpty else { return try await renderChange(req, errors: errors, status: .unprocessableEntity) }

        let hash = try req.application.password.hash(input.newPassword ?? "")
        let audit = req.audit
        try await req.db.transaction { db in
            try await keeper.set(user, hash: hash, mustChange: false, on: db)
            try await AuditLog(db: db, now: audit.now, address: audit.address)
                .record(.passwordChanged, username: user.username, userID: user.id, actorID: user.id)
        }
        // This session goes on with the new password (as stored); the account's other sessions end.
        if let stored = try await User.find(user.id, on: req.db) { req.session.data["cred"] = Request.credentialStamp(of: stored) }
        return req.redirect(to: .home, notice: "密码已修改，下次登录请使用新密码。")
    }

    private func renderChange(_ req: Request, errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(
            layout: await req.layout("修改密码"), heading: "修改密码", intro: nil,
            fields: Self.changeFields.with(errors: errors), action: SiteURL.changePassword.path,
            submitLabel: "保存", backURL: SiteURL.home.path, captchaURL: nil, formError: nil), status: status)
    }

    // MARK: 找回密码

    struct ForgotInput: Content {
        var username: String?
        var phone: String?
        var captcha: String?
    }

    static func forgotFields(_ input: ForgotInput) -> [FormField] {
        [
            FormField(name: "username", label: "用户名", kind: .text, value: input.username ?? "", required: true, autocomplete: "username"),
            FormField(name: "phone", label: "手机号码", kind: .tel, value: input.phone ?? "", required: true,
                      hint: "维保单位：注册时填写的负责人手机；维保人员：本人手机", maxLength: 20),
        ]
    }

    func showForgot(_ req: Request) async throws -> Response {
        try await renderForgot(req, input: ForgotInput(), errors: FieldErrors(), formError: nil)
    }

    func submitForgot(_ req: Request) async throws -> Response {
        let input = try req.content.decode(ForgotInput.self)
        var errors = FieldErrors()
        if TextNormalizer.normalize(input.username ?? "").isEmpty { errors.add("username", "请填写用户名") }
        if case .failure(let e) = MobilePhone.validate(input.phone ?? "") { errors.add("phone", e.message) }
        let captchaPassed = CaptchaService(request: req).check(input.captcha ?? "")
        guard errors.isEmpty else {
            return try await renderForgot(req, input: input, errors: errors, formError: nil, status: .unprocessableEntity)
        }
        guard captchaPassed else {
            return try await renderForgot(req, input: input, errors: errors, formError: "验证码错误，请重新输入", status: .unprocessableEntity)
        }
        let service = PasswordRecoveryService(db: req.db, notifier: req.application.notifier, logger: req.logger, audit: req.audit)
        switch try await service.requestCode(username: input.username ?? "", phone: input.phone ?? "") {
        case .noMatch:
            return try await renderForgot(req, input: input, errors: errors,
                                          formError: "用户名与手机号不匹配。监管人员账号请联系系统管理员重置密码。",
                                          status: .unprocessableEntity)
        case .tooMany:
            return try await renderForgot(req, input: input, errors: errors,
                                          formError: "找回密码申请过于频繁，请1小时后再试", status: .tooManyRequests)
        case .tooSoon:
            req.session.data["reset_user"] = TextNormalizer.normalize(input.username ?? "")
            return req.redirect(to: .resetPassword, notice: "验证码已发送，请稍候1分钟再重新获取。")
        case .sent:
            req.session.data["reset_user"] = TextNormalizer.normalize(input.username ?? "")
            return req.redirect(to: .resetPassword,
                                notice: "验证码已发送至手机\(PasswordRecoveryService.maskPhone(TextNormalizer.normalize(input.phone ?? "")))，10分钟内有效。")
        }
    }

    private func renderForgot(_ req: Request, input: ForgotInput, errors: FieldErrors, formError: String?,
                              status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(
            layout: await req.layout("找回密码"), heading: "找回密码",
            intro: "请输入用户名和手机号码，系统将向该手机发送6位验证码。维保人员的作业账号开通后，也在这里设置第一个密码。",
            fields: Self.forgotFields(input).with(errors: errors), action: SiteURL.forgotPassword.path,
            submitLabel: "获取验证码", backURL: SiteURL.login.path, captchaURL: SiteURL.captcha.path,
            formError: formError), status: status)
    }

    // MARK: 设置新密码

    struct ResetInput: Content {
        var username: String?
        var code: String?
        var newPassword: String?
        var newPasswordConfirm: String?
        enum CodingKeys: String, CodingKey {
            case username, code, newPassword = "new_password", newPasswordConfirm = "new_password_confirm"
        }
    }

    static func resetFields(username: String) -> [FormField] {
        [
            FormField(name: "username", label: "用户名", kind: .text, value: username, required: true, autocomplete: "username"),
            FormField(name: "code", label: "短信验证码", kind: .text, required: true, hint: "6位数字", autocomplete: "one-time-code", maxLength: 6),
            FormField(name: "new_password", label: "新密码", kind: .password, required: true,
                      hint: "至少8位，含大写字母、小写字母、数字、符号中的三类", autocomplete: "new-password"),
            FormField(name: "new_password_confirm", label: "确认新密码", kind: .password, required: true, autocomplete: "new-password"),
        ]
    }

    func showReset(_ req: Request) async throws -> Response {
        try await renderReset(req, username: req.session.data["reset_user"] ?? "", errors: FieldErrors())
    }

    func submitReset(_ req: Request) async throws -> Response {
        let input = try req.content.decode(ResetInput.self)
        var errors = FieldErrors()
        if input.newPasswordConfirm != input.newPassword { errors.add("new_password_confirm", "两次输入的新密码不一致") }
        if case .failure(let e) = PasswordPolicy.validate(input.newPassword ?? "") { errors.add("new_password", e.message) }
        if (input.code ?? "").isEmpty { errors.add("code", "请填写短信验证码") }
        guard errors.isEmpty else {
            return try await renderReset(req, username: input.username ?? "", errors: errors, status: .unprocessableEntity)
        }
        let service = PasswordRecoveryService(db: req.db, notifier: req.application.notifier, logger: req.logger, audit: req.audit)
        switch try await service.reset(username: input.username ?? "", code: input.code ?? "",
                                       newPassword: input.newPassword ?? "", hasher: req.application.password) {
        case .done:
            req.session.data["reset_user"] = nil
            return req.redirect(to: .login, notice: "密码已重置，请使用新密码登录。")
        case .wrongCode(let message):
            errors.add("code", message)
        case .invalidPassword(let message):
            errors.add("new_password", message)
        }
        return try await renderReset(req, username: input.username ?? "", errors: errors, status: .unprocessableEntity)
    }

    private func renderReset(_ req: Request, username: String, errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(
            layout: await req.layout("设置新密码"), heading: "设置新密码",
            intro: "请输入负责人手机收到的6位验证码，并设置新密码。",
            fields: Self.resetFields(username: username).with(errors: errors), action: SiteURL.resetPassword.path,
            submitLabel: "确定", backURL: SiteURL.forgotPassword.path, captchaURL: nil, formError: nil), status: status)
    }
}

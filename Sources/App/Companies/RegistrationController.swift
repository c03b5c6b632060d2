import Fluent
import Vapor

/// 企业注册 (manual 1.1): the form, its checks, and the new company with its account.
struct RegistrationController {
    struct Page: Encodable {
        let layout: Layout
        let fields: [FormField]
        let action: String
        let backURL: String
        let regionPickerURL: String
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, fields: Self.fields(CompanyRegistrationInput(), regionName: nil))
    }

    struct CaptchaInput: Content { var captcha: String? }

    static let throttledMessage = "该网络地址注册过于频繁，请1小时后再试"

    func submit(_ req: Request) async throws -> Response {
        let input = try req.content.decode(CompanyRegistrationInput.self)
        let captchaPassed = CaptchaService(request: req).check(try req.content.decode(CaptchaInput.self).captcha ?? "")
        let limiter = RateLimiter(db: req.db, now: req.clock.now())
        let address = req.clientAddress
        let rule = RateLimiter.Rule.registration(perHour: req.config.registrationsPerHour)
        let service = CompanyRegistrationService(db: req.db, passwordHasher: req.application.password, now: req.clock.now())
        // The captcha and the per-address limit are checked only once the form is otherwise right, so a
        // clerk correcting a field is not charged, and before the password is hashed (bcrypt is the cost
        // a flood of registrations would put on every login).
        let outcome = try await service.register(input) {
            var errors = FieldErrors()
            guard captchaPassed else {
                errors.add("captcha", "验证码错误，请重新输入（单击图片可换一张）")
                return errors
            }
            if try await !limiter.claim(rule, key: address).granted {
                errors.add("captcha", Self.throttledMessage)
            }
            return errors
        }
        switch outcome {
        case .success(let registered):
            try await req.audit.record(.accountCreated, username: registered.user.username,
                                       userID: registered.user.id, detail: "企业注册：\(registered.company.name)")
            return req.redirect(to: .login, notice: "注册成功，请使用新账号登录。单位信息请在登录后通过“维保信息上报”完善并审核上报。")
        case .failure(let errors):
            let regionName = try await RegionDirectory(db: req.db).find(input.regionCode)?.fullName
            let throttled = errors["captcha"] == Self.throttledMessage
            return try await render(req, fields: Self.fields(input, regionName: regionName).with(errors: errors),
                                    status: throttled ? .tooManyRequests : .unprocessableEntity)
        }
    }

    private func render(_ req: Request, fields: [FormField], status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("register", Page(
            layout: await req.layout("企业注册"), fields: fields, action: SiteURL.register.path,
            backURL: SiteURL.login.path, regionPickerURL: SiteURL.regionChildren.path), status: status)
    }

    /// The manual's fields, in the manual's order. Passwords are never sent back to the browser.
    static func fields(_ input: CompanyRegistrationInput, regionName: String?) -> [FormField] {
        [
            FormField(name: "username", label: "用户名", kind: .text, value: input.username, required: true,
                      hint: "英文字母开头，可含数字，3–32位（建议用单位拼音首字母）", autocomplete: "username", maxLength: 32),
            FormField(name: "password", label: "密码", kind: .password, required: true,
                      hint: "至少8位，含大写字母、小写字母、数字、符号中的三类", autocomplete: "new-password"),
            FormField(name: "password_confirm", label: "确认密码", kind: .password, required: true, autocomplete: "new-password"),
            FormField(name: "name", label: "单位名称", kind: .text, value: input.name, required: true,
                      hint: "须与营业执照一致", maxLength: 100),
            FormField(name: "certificate_no", label: "资格证书编号", kind: .text, value: input.certificateNo, required: true,
                      hint: "须与资格证书一致", maxLength: 50),
            FormField(name: "legal_person", label: "单位法人", kind: .text, value: input.legalPerson, required: true, maxLength: 50),
            FormField(name: "manager", label: "负责人", kind: .text, value: input.manager, required: true, maxLength: 50),
            FormField(name: "manager_phone", label: "负责人手机", kind: .tel, value: input.managerPhone, required: true,
                      hint: "手机号码应为11位", autocomplete: "tel", maxLength: 20),
            FormField(name: "address", label: "单位地址", kind: .text, value: input.address, required: true, maxLength: 200),
            FormField(name: "region_code", label: "行政区划", kind: .region, value: input.regionCode, required: true,
                      hint: "单击“选择”，选择单位备案所在地（即管辖质监局）的行政区划", display: regionName),
            FormField(name: "captcha", label: "验证码", kind: .captcha, required: true, hint: "请输入图片中的4位数字",
                      display: SiteURL.captcha.path),
        ]
    }
}

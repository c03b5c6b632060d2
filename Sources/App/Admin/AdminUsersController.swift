import Fluent
import Vapor

/// 监管人员账号: the admin creates, disables, re-enables regulator and admin accounts, resets
/// their passwords and assigns a regulator's region.
struct AdminUsersController {
    struct ListPage: Encodable {
        let layout: Layout
        let rows: [Row]
        let paging: Paging
        let newURL: String
        let regionPickerURL: String
    }

    struct Row: Encodable {
        let username: String
        let displayName: String
        let roleTitle: String
        let regionCode: String
        let regionName: String
        let status: String
        let lastLogin: String
        let isSelf: Bool
        let isRegulator: Bool
        let disabled: Bool
        let disableURL: String
        let enableURL: String
        let resetURL: String
        let regionURL: String
    }

    func list(_ req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (users, paging) = try await User.query(on: req.db).filter(\.$role ~~ [.regulator, .admin])
            .sort(\.$role).sort(\.$usernameKey).page(req, per: 50)
        let regionRows = try await Region.query(on: req.db).filter(\.$id ~~ users.compactMap(\.regionCode)).all()
        let names = Dictionary(uniqueKeysWithValues: regionRows.map { ($0.code, $0.fullName) })
        let locked = try await LoginService.lockedAccounts(on: req.db, now: req.clock.now())
        let rows = users.map { u in
            Row(username: u.username, displayName: u.displayName, roleTitle: u.role.title,
                regionCode: u.regionCode ?? "", regionName: u.regionCode.map { names[$0] ?? $0 } ?? "全部",
                status: CompanyAccountsController.status(of: u, locked: locked), lastLogin: DisplayDate.minute(u.lastLoginAt),
                isSelf: u.id == me.id, isRegulator: u.role == .regulator, disabled: u.disabled,
                disableURL: SiteURL.adminUserDisable(u.id).path, enableURL: SiteURL.adminUserEnable(u.id).path,
                resetURL: SiteURL.adminUserResetPassword(u.id).path, regionURL: SiteURL.adminUserRegion(u.id).path)
        }
        return try await req.render("admin-users", ListPage(
            layout: await req.layout("监管人员账号"), rows: rows, paging: paging, newURL: SiteURL.adminUserNew.path,
            regionPickerURL: SiteURL.regionChildren.path))
    }

    // MARK: 新建账号

    struct NewInput: Content {
        var username: String?
        var displayName: String?
        var role: String?
        var regionCode: String?
        var password: String?
        enum CodingKeys: String, CodingKey {
            case username, role, password
            case displayName = "display_name", regionCode = "region_code"
        }
    }

    struct NewPage: Encodable {
        let layout: Layout
        let fields: [FormField]
        let action: String
        let backURL: String
        let regionPickerURL: String
    }

    static func fields(_ input: NewInput, regionName: String?) -> [FormField] {
        let role = input.role ?? UserRole.regulator.rawValue
        return [
            FormField(name: "username", label: "用户名", kind: .text, value: input.username ?? "", required: true,
                      hint: "英文字母开头，可含数字，3–32位", maxLength: 32),
            FormField(name: "display_name", label: "姓名", kind: .text, value: input.displayName ?? "", required: true, maxLength: 50),
            FormField(name: "role", label: "角色", kind: .select, required: true, options: [UserRole.regulator, .admin].map {
                .init(value: $0.rawValue, label: $0.title, selected: $0.rawValue == role)
            }),
            FormField(name: "region_code", label: "管辖区域", kind: .region, value: input.regionCode ?? "",
                      hint: "监管人员必填：可选择省、市或区县，管辖该区域及其下级区域", display: regionName),
            FormField(name: "password", label: "初始密码", kind: .password,
                      required: true, hint: "至少8位，含大写字母、小写字母、数字、符号中的三类；请告知本人登录后修改", autocomplete: "new-password"),
        ]
    }

    func showNew(_ req: Request) async throws -> Response {
        try await renderNew(req, fields: Self.fields(NewInput(), regionName: nil))
    }

    func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(NewInput.self)
        let role = UserRole(rawValue: input.role ?? "") ?? .company  // anything else is refused by the service
        let result = try await req.accountService().create(.init(
            username: input.username ?? "", displayName: input.displayName ?? "", role: role,
            regionCode: input.regionCode, password: input.password ?? "", mustChangePassword: true))
        switch result {
        case .success(let user):
            return req.redirect(to: .adminUsers, notice: "已创建账号 \(user.username)。")
        case .failure(let errors):
            let regionName = try await RegionDirectory(db: req.db).find(input.regionCode ?? "")?.fullName
            return try await renderNew(req, fields: Self.fields(input, regionName: regionName).with(errors: errors),
                                       status: .unprocessableEntity)
        }
    }

    private func renderNew(_ req: Request, fields: [FormField], status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("admin-user-new", NewPage(
            layout: await req.layout("新建账号"), fields: fields, action: SiteURL.adminUserNew.path,
            backURL: SiteURL.adminUsers.path, regionPickerURL: SiteURL.regionChildren.path), status: status)
    }

    // MARK: 停用 / 启用 / 重置密码 / 管辖区域

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let user = try await staffAccount(req)
        if disabled, user.id == req.currentUser?.id {
            return req.redirect(to: .adminUsers, notice: nil).flashing(req, "不能停用自己的账号。", .error)
        }
        try await req.accountService().setDisabled(user, disabled)
        return req.redirect(to: .adminUsers, notice: disabled ? "已停用账号 \(user.username)。" : "已启用账号 \(user.username)。")
    }

    func resetPassword(_ req: Request) async throws -> Response {
        let user = try await staffAccount(req)
        let temporary = try await req.accountService().resetPassword(user)
        req.flash("账号 \(user.username) 的密码已重置为临时密码：\(temporary)　请告知本人，登录后立即修改。", kind: .info)
        return req.redirect(to: SiteURL.adminUsers.path)
    }

    struct RegionInput: Content {
        var regionCode: String?
        enum CodingKeys: String, CodingKey { case regionCode = "region_code" }
    }

    func changeRegion(_ req: Request) async throws -> Response {
        let user = try await staffAccount(req)
        guard user.role == .regulator else { throw AppError.badRequest("只有监管人员账号有管辖区域") }
        let code = try req.content.decode(RegionInput.self).regionCode ?? ""
        if let errors = try await req.accountService().changeRegion(user, to: code) {
            req.flash(errors["region_code"] ?? "行政区划有误", kind: .error)
            return req.redirect(to: SiteURL.adminUsers.path)
        }
        return req.redirect(to: .adminUsers, notice: "已调整 \(user.username) 的管辖区域。")
    }

    /// A regulator or admin account named by the path. Company accounts are not managed here, and the security
    /// and audit administrators' accounts not by the system administrator at all (三员分立: he could otherwise
    /// take over the roles that watch him); they are kept on the command line.
    private func staffAccount(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("id", as: UUID.self),
              let user = try await User.find(id, on: req.db), user.role == .regulator || user.role == .admin else { throw AppError.notFound }
        return user
    }
}

extension Response {
    /// Replaces the notice of a redirect with another kind of message.
    func flashing(_ req: Request, _ message: String, _ kind: FlashMessage.Kind) -> Response {
        req.flash(message, kind: kind)
        return self
    }
}

import Fluent
import Vapor

/// On an empty database, the administrator account `admin`, with the configured or a random
/// password, printed once: there is no other way in on a fresh installation.
enum InitialAdmin {
    static func ensure(on app: Application) async throws {
        guard try await User.query(on: app.db).filter(\.$role == .admin).countRows() == 0 else { return }
        let password = app.config.initialAdminPassword ?? AccountService.temporaryPassword()
        let service = AccountService(db: app.db, hasher: app.password, now: app.clock.now(), address: "local", actorID: nil)
        switch try await service.create(.init(username: "admin", displayName: "系统管理员", role: .admin, regionCode: nil, password: password,
                                            // A printed password has been seen on a console: replaced at first login.
                                            mustChangePassword: app.config.initialAdminPassword == nil)) {
        case .success:
            let source = app.config.initialAdminPassword == nil ? "初始密码（仅显示这一次，请登录后修改）" : "密码取自 LIFTWATCH_ADMIN_PASSWORD"
            print("""
            ============================================================
             已创建系统管理员账号 admin
             \(source)：\(app.config.initialAdminPassword == nil ? password : "******")
            ============================================================
            """)
        case .failure(let errors):
            throw AppConfig.Invalid(problems: ["cannot create the admin account: \(errors)"])
        }
    }
}

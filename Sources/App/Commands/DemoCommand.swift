import Fluent
import Validation
import Vapor

/// `liftwatch demo [--password PW]`: loads the user manual's examples into an empty database — two
/// companies with their staff and elevators in every filing state, regulators for every region they lie
/// in — and prints the logins, so that a newcomer can walk the manual's chapters 二 and 三 at once.
/// It refuses a database that holds any company, filing or non-admin account.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "password", help: "one password for every demo account (default: a random one for each, printed)")
        var password: String?
    }

    var help: String { "Loads the user manual's examples into an empty database and prints the logins" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let password = signature.password, case .failure(let error) = PasswordPolicy.validate(password) {
            throw AppConfig.Invalid(problems: ["liftwatch demo --password: \(error.message)"])
        }
        let given = signature.password
        let (logins, summary) = try await app.db.transaction { db in
            if let refusal = try await Self.refusal(on: db) {
                // main prints this plainly and exits with 1, as it does for a bad configuration.
                throw AppConfig.Invalid(problems: [refusal])
            }
            var loader = DemoLoader(app: app, db: db)
            var logins = try await loader.loadStory { _ in given ?? AccountService.temporaryPassword() }
            logins = try await DemoSummary.withPendingCounts(logins, regulators: loader.regulators, on: db)
            if let admin = try await Self.adminLogin(app: app, on: db) { logins.append(admin) }
            return (logins, try await DemoSummary.lines(on: db))
        }
        for line in summary + [""] + DemoSummary.loginLines(logins) { context.console.print(line) }
    }

    /// Why the database is not empty, or nil: the demo never mixes with real data.
    static func refusal(on db: any Database) async throws -> String? {
        let companies = try await Company.query(on: db).countRows()
        let filings = try await Filing.query(on: db).countRows()
        let accounts = try await User.query(on: db).filter(\.$role != .admin).countRows()
        guard companies + filings + accounts > 0 else { return nil }
        return "liftwatch demo 只能载入空数据库，而 DATABASE_URL 指向的数据库里已有数据（维保单位 \(companies) 家、"
            + "备案记录 \(filings) 条、维保单位和监管人员账号 \(accounts) 个），没有做任何改动。"
            + "请换一个新的数据库，例如：DATABASE_URL=sqlite:///tmp/liftwatch-demo.sqlite swift run liftwatch demo"
    }

    /// The administrator's login. On a new database `admin` was created a moment ago with a password
    /// printed once; unless the operator chose it (LIFTWATCH_ADMIN_PASSWORD) or has used the account, it
    /// gets a new one here, so that every login of the demo is in one list.
    static func adminLogin(app: Application, on db: any Database) async throws -> DemoLogin? {
        guard let admin = try await User.query(on: db).filter(\.$usernameKey == "admin").filter(\.$role == .admin).first() else {
            return nil
        }
        if app.config.initialAdminPassword != nil {
            return DemoLogin(role: "系统管理员", username: admin.username, password: "（LIFTWATCH_ADMIN_PASSWORD 的值）", note: "")
        }
        if admin.lastLoginAt != nil {
            return DemoLogin(role: "系统管理员", username: admin.username, password: "（未改动）", note: "该账号已经使用过，密码未重置")
        }
        let service = AccountService(db: db, hasher: app.password, now: app.clock.now(), address: "liftwatch demo", actorID: nil)
        return DemoLogin(role: "系统管理员", username: admin.username, password: try await service.resetPassword(admin),
                         note: "已重置，启动时显示的初始密码不再有效")
    }
}

import Fluent
import Vapor

/// `liftwatch user create --role regulator --region 410700 --username NAME --password PW`
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "role", help: "regulator, admin, security (安全管理员) or auditor (审计管理员)")
        var role: String?
        @Option(name: "region", help: "region code a regulator supervises, e.g. 410700")
        var region: String?
        @Option(name: "username", help: "user name: letters first, then letters or digits")
        var username: String?
        @Option(name: "password", help: "password: at least 8 characters of three kinds")
        var password: String?
        @Option(name: "name", help: "the person's name shown in the header (default: the user name)")
        var name: String?
        @Flag(name: "keep-password", help: "do not require a new password at first login (scripted set-ups, benchmarks)")
        var keepPassword: Bool
    }

    var help: String {
        "Creates a regulator, admin, security or auditor account: user create --role regulator --region 410700 --username NAME --password PW"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else {
            throw AppError.badRequest("unknown action \(signature.action); expected: create")
        }
        guard let roleName = signature.role, let role = UserRole(rawValue: roleName), role != .company else {
            throw AppError.badRequest("--role must be regulator, admin, security or auditor")
        }
        guard let username = signature.username, let password = signature.password else {
            throw AppError.badRequest("--username and --password are required")
        }
        let app = context.application
        let service = AccountService(db: app.db, hasher: app.password, now: app.clock.now(), address: "command line", actorID: nil)
        let account = AccountService.NewAccount(username: username, displayName: signature.name ?? username,
                                                role: role, regionCode: signature.region, password: password,
                                                // The operator typed it for someone else: changed at first login.
                                                mustChangePassword: !signature.keepPassword)
        switch try await service.create(account) {
        case .success(let user):
            context.console.print("created \(role.rawValue) \(user.username)\(user.regionCode.map { " for region \($0)" } ?? "")")
        case .failure(let errors):
            throw AppError.badRequest(errors.describe())
        }
    }
}

extension FieldErrors {
    func describe() -> String {
        messages.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

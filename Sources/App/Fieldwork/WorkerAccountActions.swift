import Fluent
import Vapor

/// 开通作业账号 and 停用作业账号 on the staff register's selection (维保人员上报), through the register's own
/// selection machinery: another company's record in the selection makes the whole request "not found".
struct WorkerAccountActions {
    let selection = RegisterActions<StaffMember>(register: .staff)

    func enable(_ req: Request) async throws -> Response {
        let hash = try req.application.password.hash(AccountService.temporaryPassword() + AccountService.temporaryPassword())
        return try await selection.each(req, done: "已开通作业账号（用户名及设置密码的方法已短信告知本人）") { _, filing, company in
            switch try await service(req, company).enable(filing: filing, unusableHash: hash) {
            case .enabled, .alreadyEnabled: break
            case .refused(let reason): throw FilingRefusal.notAllowed(reason)
            }
        }
    }

    func disable(_ req: Request) async throws -> Response {
        try await selection.each(req, done: "已停用作业账号") { _, filing, company in
            guard try await service(req, company).disable(filing: filing) else { throw FilingRefusal.notAllowed("没有开通中的作业账号") }
        }
    }

    private func service(_ req: Request, _ company: Company) throws -> WorkerAccounts {
        WorkerAccounts(db: req.db, hasher: req.application.password, notifier: req.application.notifier, logger: req.logger,
                       audit: req.audit, actor: try req.requireUser(), company: company)
    }
}

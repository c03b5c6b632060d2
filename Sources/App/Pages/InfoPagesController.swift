import Vapor

/// 关于: what the system is and what each role does.
struct InfoPagesController {
    struct AboutPage: Encodable {
        let layout: Layout
        let version: String
        let roles: [Role]
        struct Role: Encodable { let title: String; let summary: String }
    }

    static let version = "0.1.0"

    func about(_ req: Request) async throws -> Response {
        try await req.render("about", AboutPage(layout: await req.layout("关于"), version: Self.version, roles: [
            .init(title: UserRole.company.title, summary: "注册本单位账号，上报单位、维保人员和电梯备案信息，查询经监管部门审核通过的本单位数据。"),
            .init(title: UserRole.regulator.title, summary: "审核辖区内维保单位上报的备案信息，查询辖区内的单位、人员和电梯档案。"),
            .init(title: UserRole.admin.title, summary: "管理监管人员账号及其管辖区域、数据字典和维保项目，查看短信发件箱和用户反馈。"),
            .init(title: UserRole.security.title, summary: "管理安全设置，解锁账号，重置监管人员和管理员的两步验证。"),
            .init(title: UserRole.auditor.title, summary: "查阅、筛选和导出审计日志，不能修改任何数据。"),
        ]))
    }
}

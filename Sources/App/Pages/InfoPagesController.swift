import Vapor

/// 关于, and the pages of features that later versions fill, which say plainly what is coming.
struct InfoPagesController {
    struct AboutPage: Encodable {
        let layout: Layout
        let version: String
        let roles: [Role]
        struct Role: Encodable { let title: String; let summary: String }
    }

    struct ComingPage: Encodable {
        let layout: Layout
        let heading: String
        let summary: String
    }

    static let version = "0.1.0"

    func about(_ req: Request) async throws -> Response {
        try await req.render("about", AboutPage(layout: await req.layout("关于"), version: Self.version, roles: [
            .init(title: UserRole.company.title, summary: "注册本单位账号，上报单位、维保人员和电梯备案信息，查询经监管部门审核通过的本单位数据。"),
            .init(title: UserRole.regulator.title, summary: "审核辖区内维保单位上报的备案信息，查询辖区内的单位、人员和电梯档案。"),
            .init(title: UserRole.admin.title, summary: "管理监管人员账号及其管辖区域，查看安全日志和短信发件箱。"),
        ]))
    }

    func coming(_ req: Request, _ url: SiteURL) async throws -> Response {
        let (heading, summary) = Self.describe(url)
        return try await req.render("coming", ComingPage(layout: await req.layout(heading), heading: heading, summary: summary))
    }

    static func describe(_ url: SiteURL) -> (String, String) {
        switch url {
        case .companyFiling: ("维保信息上报", "维护本单位的资格证书、级别、办公地址等信息，上传证件附件，并审核上报至监管部门。")
        case .staff(.list): ("维保人员上报", "登记、导入、导出本单位维保人员信息，并审核上报。")
        case .elevators(.list): ("电梯信息上报", "登记、导入、导出本单位维保的电梯信息，并审核上报。")
        case .archiveElevators: ("电梯档案管理", "查询经监管部门审核通过的电梯档案及其历史版本。")
        case .archiveCompanies: ("维保公司信息", "查询经监管部门审核通过的维保单位信息。")
        case .archiveStaff: ("维保人员信息", "查询经监管部门审核通过的维保人员信息。")
        case .reviewQueue: ("审核管理", "审核辖区内维保单位上报的单位、人员和电梯信息，通过或驳回并填写审核意见。")
        default: ("功能建设中", "")
        }
    }
}

import Vapor

/// What every page's frame needs: title, user, role menu, CSRF token and the one-time notice.
/// Built here so that templates only lay it out.
struct Layout: Encodable {
    let systemTitle: String
    let pageTitle: String
    let user: UserBadge?
    let menu: [MenuSection]
    let csrf: String
    let flash: FlashMessage?
    let links: HeaderLinks

    struct UserBadge: Encodable {
        let name: String
        let roleTitle: String
        /// Whether the header links to 两步验证: every account but a company's, unless the configuration
        /// requires it of companies too.
        let secondFactor: Bool
    }

    struct HeaderLinks: Encodable {
        let home = SiteURL.home.path
        let changePassword = SiteURL.changePassword.path
        let secondFactor = SiteURL.secondFactor.path
        let feedback = SiteURL.feedback.path
        let about = SiteURL.about.path
        let logout = SiteURL.logout.path
        let login = SiteURL.login.path
    }
}

struct MenuSection: Encodable {
    let title: String
    let items: [MenuItem]
}

struct MenuItem: Encodable {
    let title: String
    let href: String
    let active: Bool
    /// A count shown beside the item (records waiting for review).
    let badge: Int?
}

extension Request {
    func layout(_ pageTitle: String) async -> Layout {
        let path = url.path
        let pending = await pendingReviewCount()
        let menu = currentUser.map { Menu.sections(for: $0.role) } ?? []
        return Layout(
            systemTitle: config.systemTitle,
            pageTitle: pageTitle,
            user: currentUser.map { .init(name: $0.displayName, roleTitle: $0.role.title,
                                          secondFactor: ![.company, .worker].contains($0.role) || config.secondFactorRoles.contains($0.role)) },
            menu: menu.map { section in
                MenuSection(title: section.title, items: section.items.map {
                    MenuItem(title: $0.title, href: $0.url.path,
                             active: $0.url == .home ? path == "/" : path.hasPrefix($0.url.path),
                             badge: $0.url == .reviewQueue ? pending.flatMap { $0 > 0 ? $0 : nil } : nil)
                })
            },
            csrf: csrfToken,
            flash: takeFlash(),
            links: .init())
    }
}

/// The left-hand menu of each role. The company's is the manual's.
enum Menu {
    struct Section { let title: String; let items: [(title: String, url: SiteURL)] }

    static func sections(for role: UserRole) -> [Section] {
        let archive = Section(title: "维保公司数据查询", items: [
            ("电梯档案管理", .archive(.elevator, .list)), ("维保公司信息", .archive(.company, .list)), ("维保人员信息", .archive(.staff, .list)),
        ])
        switch role {
        case .company:
            return [
                Section(title: "首页", items: [("工作台", .home)]),
                Section(title: "备案信息上报", items: [
                    ("维保信息上报", .companyFiling), ("维保人员上报", .staff(.list)), ("电梯信息上报", .elevators(.list)),
                ]),
                Section(title: "维保作业", items: [
                    ("维保记录", .maintenance(.list)), ("新增维保记录", .maintenance(.new)), ("现场作业", .visits),
                ]),
                archive,
            ]
        case .worker:
            return [Section(title: "维保作业", items: [("我的作业", .work)])]
        case .regulator:
            return [
                Section(title: "首页", items: [("工作台", .home)]),
                Section(title: "监管业务", items: [
                    ("审核管理", .reviewQueue), ("监管看板", .supervision), ("统计分析", .statistics), ("电梯信息上报", .elevators(.list)),
                    ("维保记录", .maintenance(.list)), ("现场作业", .visits), ("维保单位账号", .companies),
                ]),
                archive,
            ]
        case .admin:
            return [
                Section(title: "首页", items: [("工作台", .home)]),
                Section(title: "监管业务", items: [
                    ("审核管理", .reviewQueue), ("监管看板", .supervision), ("统计分析", .statistics), ("电梯信息上报", .elevators(.list)),
                    ("维保记录", .maintenance(.list)), ("现场作业", .visits),
                ]),
                Section(title: "系统管理", items: [
                    ("监管人员账号", .adminUsers), ("维保单位账号", .companies), ("数据字典", .adminDictionaries), ("维保项目", .adminMaintenanceItems),
                    ("短信发件箱", .adminOutbox), ("用户反馈", .adminFeedback),
                ]),
                archive,
            ]
        case .security:
            return [
                Section(title: "首页", items: [("工作台", .home)]),
                Section(title: "安全管理", items: [("账号安全", .securityAccounts)]),
            ]
        case .auditor:
            return [
                Section(title: "首页", items: [("工作台", .home)]),
                Section(title: "安全审计", items: [("审计日志", .adminAudit)]),
            ]
        }
    }
}

/// The kinds of account. Raw values are what the database stores.
///
/// 等保 level 3's 三员分立: the system administrator keeps accounts, regions and dictionaries; the security
/// administrator the security settings, unlocks and second-factor resets; the audit administrator reads and
/// exports the audit log. None of the three can do another's job, and only the last two see none of the
/// supervision data.
enum UserRole: String, Codable, CaseIterable, Sendable {
    /// 维保单位: one account per registered company; sees only its own company's data.
    case company
    /// 维保人员: the login of one approved worker of a company (its staff filing), turned on by the company;
    /// checks in and out at the company's elevators and sees its own visits, nothing of the registers.
    case worker
    /// 监管人员: bound to one region; sees that region and everything below it.
    case regulator
    /// 系统管理员: manages regions, dictionaries and regulator accounts.
    case admin
    /// 安全管理员: security settings, unlocks, second-factor resets.
    case security
    /// 审计管理员: reads and exports the audit log; changes nothing.
    case auditor

    var title: String {
        switch self {
        case .company: "维保单位"
        case .worker: "维保人员"
        case .regulator: "监管人员"
        case .admin: "系统管理员"
        case .security: "安全管理员"
        case .auditor: "审计管理员"
        }
    }

    /// The roles that work with supervision data (registers, archive, records).
    static let business: [UserRole] = [.company, .regulator, .admin]

    /// The three administrators of 三员分立; their accounts are made on the command line only.
    var isAdministrator: Bool { self == .admin || self == .security || self == .auditor }
}

/// The three kinds of account. Raw values are what the database stores.
enum UserRole: String, Codable, CaseIterable, Sendable {
    /// 维保单位: one account per registered company; sees only its own company's data.
    case company
    /// 监管人员: bound to one region; sees that region and everything below it.
    case regulator
    /// 系统管理员: manages regions and regulator accounts.
    case admin

    var title: String {
        switch self {
        case .company: "维保单位"
        case .regulator: "监管人员"
        case .admin: "系统管理员"
        }
    }
}

/// The kinds of record that go through filing and review. Raw values are stored.
enum FilingKind: String, Codable, CaseIterable, Sendable {
    case company
    case staff
    case elevator

    var title: String {
        switch self {
        case .company: "维保单位"
        case .staff: "维保人员"
        case .elevator: "电梯"
        }
    }
}

/// 审核状态, written as the manual writes them; the raw values are what is stored and shown.
enum ReviewStatus: String, Codable, CaseIterable, Sendable {
    case draft = "待上报"
    case pending = "审核中"
    case approved = "通过"
    case rejected = "未通过"
}

/// 信息状态, as in the manual's tables.
enum InfoStatus: String, Codable, CaseIterable, Sendable {
    case new = "新增"
    case changed = "更改"
    case normal = "正常使用"
    case deregistered = "注销"
}

/// What a user does to a filed record.
enum FilingAction: String, Codable, CaseIterable, Sendable {
    case create
    case edit
    case submit
    case withdraw
    case approve
    case reject
    /// Deleting an approved record: a request to take it out of the archive, decided by review.
    case requestDeregistration = "request_deregistration"
    /// Deleting a record that was never approved: it simply goes.
    case delete
    /// An inspection result recorded by a regulator: a new approved version with the new inspection dates.
    case recordInspection = "record_inspection"

    var title: String {
        switch self {
        case .create: "新增"
        case .edit: "修改"
        case .submit: "审核上报"
        case .withdraw: "撤回"
        case .approve: "审核通过"
        case .reject: "驳回"
        case .requestDeregistration: "申请注销"
        case .delete: "删除"
        case .recordInspection: "录入检验结果"
        }
    }
}

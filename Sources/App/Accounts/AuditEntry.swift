import Fluent
import Vapor

/// One line of the security audit trail: logins, failures, lockouts, password changes and resets,
/// account and dictionary administration, review decisions, imports and exports. Never updated or deleted
/// by the application; each entry's `hash` covers its fields and the previous entry's hash (`AuditChain`),
/// so `liftwatch verify-records` finds any entry changed, removed or inserted outside the app.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    enum Action: String, Codable, CaseIterable, Sendable {
        case loginSucceeded = "login_succeeded"
        case loginFailed = "login_failed"
        case accountLocked = "account_locked"
        case logout
        case passwordChanged = "password_changed"
        case passwordResetRequested = "password_reset_requested"
        case passwordReset = "password_reset"
        case accountCreated = "account_created"
        case accountDisabled = "account_disabled"
        case accountEnabled = "account_enabled"
        case accountRegionChanged = "account_region_changed"
        case secondFactorEnrolled = "second_factor_enrolled"
        case secondFactorReset = "second_factor_reset"
        case recoveryCodesRenewed = "recovery_codes_renewed"
        case accountUnlocked = "account_unlocked"
        case reviewApproved = "review_approved"
        case reviewRejected = "review_rejected"
        case imported
        case exported
        case dictionaryChanged = "dictionary_changed"
        case maintenanceItemChanged = "maintenance_item_changed"
        case safetyCodeRotated = "safety_code_rotated"
        case elevatorLocated = "elevator_located"
        case siteFlagsAccepted = "site_flags_accepted"

        var title: String {
            switch self {
            case .loginSucceeded: "登录成功"
            case .loginFailed: "登录失败"
            case .accountLocked: "账号锁定"
            case .logout: "退出"
            case .passwordChanged: "修改密码"
            case .passwordResetRequested: "申请找回密码"
            case .passwordReset: "重置密码"
            case .accountCreated: "创建账号"
            case .accountDisabled: "停用账号"
            case .accountEnabled: "启用账号"
            case .accountRegionChanged: "调整管辖区域"
            case .secondFactorEnrolled: "绑定两步验证"
            case .secondFactorReset: "重置两步验证"
            case .recoveryCodesRenewed: "重新生成恢复码"
            case .accountUnlocked: "解锁账号"
            case .reviewApproved: "审核通过"
            case .reviewRejected: "审核驳回"
            case .imported: "导入数据"
            case .exported: "导出数据"
            case .dictionaryChanged: "修改数据字典"
            case .maintenanceItemChanged: "修改维保项目"
            case .safetyCodeRotated: "更换电梯安全码"
            case .elevatorLocated: "确认电梯位置"
            case .siteFlagsAccepted: "采纳签到异常说明"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Enum(key: "action") var action: Action
    /// The user name as typed or as stored; kept even when no such account exists.
    @Field(key: "username") var username: String
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "address") var address: String
    @Field(key: "detail") var detail: String
    /// The entry's place in the one chain of all entries, from 1, without gaps.
    @Field(key: "seq") var seq: Int
    @Field(key: "prev_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(at: Date, action: Action, username: String, userID: UUID?, actorID: UUID?, address: String, detail: String) {
        self.at = at
        self.action = action
        self.username = username
        self.userID = userID
        self.actorID = actorID
        self.address = address
        self.detail = detail
    }
}

extension AuditEntry {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $at, $action, $username, $userID, $actorID, $address, $detail, $seq, $previousHash, $hash
        ]
    }
}

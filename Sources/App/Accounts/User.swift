import Fluent
import Vapor

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    /// Lower-cased user name: user names are unique regardless of case.
    @Field(key: "username_key") var usernameKey: String
    @Field(key: "password_hash") var passwordHash: String
    @Enum(key: "role") var role: UserRole
    @OptionalParent(key: "company_id") var company: Company?
    /// The region a regulator supervises (for a company, its company's region is used instead).
    @OptionalField(key: "region_code") var regionCode: String?
    @Field(key: "display_name") var displayName: String
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    /// The second factor: the TOTP secret (Base32) once enrolment is confirmed, and the last time step
    /// accepted, so that one code logs in once.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    /// When the password was last set (its expiry counts from here), and whether it must be changed at the
    /// next login (a temporary password handed out by an administrator, the first admin's printed one).
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
    @Field(key: "password_must_change") var passwordMustChange: Bool
    /// A 维保人员 account's staff filing: whose login this is (and so its company's approved worker).
    @OptionalField(key: "staff_filing_id") var staffFilingID: UUID?

    init() {}

    init(username: String, passwordHash: String, role: UserRole, companyID: UUID? = nil,
         regionCode: String? = nil, displayName: String, createdAt: Date) {
        self.username = username
        self.usernameKey = username.lowercased()
        self.passwordHash = passwordHash
        self.role = role
        self.$company.id = companyID
        self.regionCode = regionCode
        self.displayName = displayName
        self.disabled = false
        self.failedLogins = 0
        self.createdAt = createdAt
        self.passwordChangedAt = createdAt
        self.passwordMustChange = false
    }
}

extension User {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $username, $usernameKey, $passwordHash, $role, $company, $regionCode, $displayName, $disabled,
            $failedLogins, $lockedUntil, $createdAt, $lastLoginAt, $totpSecret, $totpEnabledAt, $totpLastStep,
            $passwordChangedAt, $passwordMustChange, $staffFilingID
        ]
    }
}

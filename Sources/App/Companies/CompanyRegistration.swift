import Fluent
import Validation
import Vapor

/// The 企业注册 form (manual 1.1) as sent by the browser.
struct CompanyRegistrationInput: Content {
    var username: String = ""
    var password: String = ""
    var passwordConfirm: String = ""
    var name: String = ""
    var certificateNo: String = ""
    var legalPerson: String = ""
    var manager: String = ""
    var managerPhone: String = ""
    var address: String = ""
    var regionCode: String = ""

    enum CodingKeys: String, CodingKey {
        case username, password, name, address
        case passwordConfirm = "password_confirm"
        case certificateNo = "certificate_no"
        case legalPerson = "legal_person"
        case manager
        case managerPhone = "manager_phone"
        case regionCode = "region_code"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) -> String { (try? c.decodeIfPresent(String.self, forKey: key)) ?? "" }
        username = text(.username)
        password = text(.password)
        passwordConfirm = text(.passwordConfirm)
        name = text(.name)
        certificateNo = text(.certificateNo)
        legalPerson = text(.legalPerson)
        manager = text(.manager)
        managerPhone = text(.managerPhone)
        address = text(.address)
        regionCode = text(.regionCode)
    }
}

/// Checks a registration and, when every field is right, creates the company and its account in
/// one transaction. Every problem is reported at once, beside its field.
struct CompanyRegistrationService {
    let db: any Database
    let passwordHasher: any PasswordHasher
    let now: Date

    struct Registered { let company: Company; let user: User }

    /// `admit` runs once every field is right, before anything costly: the caller's captcha and rate
    /// limit, whose messages are returned like the fields'.
    func register(_ input: CompanyRegistrationInput,
                  admit: () async throws -> FieldErrors = { FieldErrors() }) async throws -> Result<Registered, FieldErrors> {
        var errors = FieldErrors()
        let username = errors.required("username", input.username, "用户名", rule: Username.validate)
        if input.password.isEmpty { errors.add("password", "请填写密码") }
        else if case .failure(let e) = PasswordPolicy.validate(input.password) { errors.add("password", e.message) }
        let password = input.password
        if input.passwordConfirm != input.password { errors.add("password_confirm", "两次输入的密码不一致") }
        let identity = try await CompanyIdentity.check(
            name: input.name, certificateNo: input.certificateNo, legalPerson: input.legalPerson, manager: input.manager,
            managerPhone: input.managerPhone, address: input.address, regionCode: input.regionCode, companyID: nil,
            on: db, errors: &errors)
        let regionName = try await RegionDirectory(db: db).find(identity.regionCode)?.fullName ?? ""

        if !username.isEmpty, try await User.query(on: db).filter(\.$usernameKey == username.lowercased()).first() != nil {
            errors.add("username", "该用户名已被注册，请换一个")
        }
        guard errors.isEmpty else { return .failure(errors) }
        let refused = try await admit()
        guard refused.isEmpty else { return .failure(refused) }

        let hash = try passwordHasher.hash(password)
        return .success(try await db.transaction { db in
            let company = Company()
            identity.apply(to: company)
            company.jurisdictionCode = identity.regionCode
            company.createdAt = now
            try await company.create(on: db)
            let user = User(username: username, passwordHash: hash, role: .company,
                            companyID: try company.requireID(), displayName: identity.name, createdAt: now)
            try await PasswordKeeper(hasher: passwordHasher, now: now).set(user, hash: hash, mustChange: false, on: db)
            // The company's information is a filed record from the start: 待上报 / 新增.
            let filings = FilingService(db: db, now: now, actor: FilingActor(id: user.id, name: "\(identity.name)（\(username)）"))
            _ = try await filings.open(kind: .company, recordID: try company.requireID(), companyID: try company.requireID(),
                                       regionCode: identity.regionCode, subject: identity.name,
                                       snapshot: company.snapshot(regionName: regionName, attachments: []), on: db)
            return Registered(company: company, user: user)
        })
    }
}

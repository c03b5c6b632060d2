import Fluent
import Validation
import Vapor

/// The 维保信息上报 edit form (manual 2.1): the registration fields plus the qualification details.
struct CompanyInfoInput: Content {
    var name = "", certificateNo = "", legalPerson = "", manager = "", managerPhone = "", address = "", regionCode = ""
    var certificateIssued = "", certificateExpires = "", level = "", officeAddress = "", phone = "", creditCode = ""

    enum CodingKeys: String, CodingKey {
        case name, certificateNo = "certificate_no", legalPerson = "legal_person", manager, managerPhone = "manager_phone"
        case address, regionCode = "region_code", certificateIssued = "certificate_issued"
        case certificateExpires = "certificate_expires", level, officeAddress = "office_address", phone, creditCode = "credit_code"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) -> String { (try? c.decodeIfPresent(String.self, forKey: key)) ?? "" }
        name = text(.name); certificateNo = text(.certificateNo); legalPerson = text(.legalPerson)
        manager = text(.manager); managerPhone = text(.managerPhone); address = text(.address)
        regionCode = text(.regionCode); certificateIssued = text(.certificateIssued)
        certificateExpires = text(.certificateExpires); level = text(.level); officeAddress = text(.officeAddress)
        phone = text(.phone); creditCode = text(.creditCode)
    }

    init(_ company: Company) {
        name = company.name; certificateNo = company.certificateNo; legalPerson = company.legalPerson
        manager = company.manager; managerPhone = company.managerPhone; address = company.address
        regionCode = company.regionCode; certificateIssued = company.certificateIssued ?? ""
        certificateExpires = company.certificateExpires ?? ""; level = company.level ?? ""
        officeAddress = company.officeAddress ?? ""; phone = company.phone ?? ""; creditCode = company.creditCode ?? ""
    }

    static let levels = ["A", "B", "C"]

    /// The form's fields; those filled at registration are marked, as the manual marks them in red.
    func fields(regionName: String?) -> [FormField] {
        let fields: [FormField] = [
            FormField(name: "name", label: "单位名称", kind: .text, value: name, required: true, hint: "注册时填写", maxLength: 100),
            FormField(name: "certificate_no", label: "资格证书编号", kind: .text, value: certificateNo, required: true, hint: "注册时填写", maxLength: 50),
            FormField(name: "legal_person", label: "单位法人", kind: .text, value: legalPerson, required: true, hint: "注册时填写", maxLength: 50),
            FormField(name: "manager", label: "负责人", kind: .text, value: manager, required: true, hint: "注册时填写", maxLength: 50),
            FormField(name: "manager_phone", label: "负责人手机", kind: .tel, value: managerPhone, required: true, hint: "注册时填写；手机号码应为11位", maxLength: 20),
            FormField(name: "address", label: "单位地址", kind: .text, value: address, required: true, hint: "注册时填写", maxLength: 200),
            FormField(name: "region_code", label: "行政区划", kind: .region, value: regionCode, required: true, hint: "注册时填写", display: regionName),
            FormField(name: "certificate_issued", label: "发证日期", kind: .date, value: certificateIssued, required: true, hint: "资格证书的发证日期，单击选择"),
            FormField(name: "certificate_expires", label: "有效日期", kind: .date, value: certificateExpires, required: true, hint: "资格证书的有效期至，应晚于发证日期"),
            FormField(name: "level", label: "级别", kind: .select, required: true, options:
                [FormField.Option(value: "", label: "请选择", selected: level.isEmpty)]
                + Self.levels.map { .init(value: $0, label: "\($0)级", selected: $0 == level) }),
            FormField(name: "office_address", label: "固定办公场所地址", kind: .text, value: officeAddress, required: true, maxLength: 200),
            FormField(name: "phone", label: "联系电话", kind: .tel, value: phone, required: true, hint: "手机或固定电话，如 0373-1234567", maxLength: 20),
            FormField(name: "credit_code", label: "统一社会信用代码", kind: .text, value: creditCode, hint: "选填，18位", maxLength: 18),
        ]
        return fields.map { var f = $0; f.highlight = Self.registrationFields.contains(f.name); return f }
    }

    /// The registration fields, which the edit page highlights.
    static let registrationFields: Set<String> = ["name", "certificate_no", "legal_person", "manager", "manager_phone", "address", "region_code"]
}

/// Checks the form and, when every field is right, applies it to the company.
struct CompanyInfoValidator {
    let db: any Database
    let today: CivilDate

    func validate(_ input: CompanyInfoInput, for company: Company) async throws -> Result<Company, FieldErrors> {
        var errors = FieldErrors()
        let identity = try await CompanyIdentity.check(
            name: input.name, certificateNo: input.certificateNo, legalPerson: input.legalPerson, manager: input.manager,
            managerPhone: input.managerPhone, address: input.address, regionCode: input.regionCode,
            companyID: try company.requireID(), on: db, errors: &errors)

        let issued = errors.requiredDate("certificate_issued", input.certificateIssued, "发证日期")
        let expires = errors.requiredDate("certificate_expires", input.certificateExpires, "有效日期", example: "2016-09-08")
        if let issued, issued > today { errors.add("certificate_issued", "发证日期不能晚于今天") }
        if let issued, let expires, expires <= issued { errors.add("certificate_expires", "有效日期应晚于发证日期") }
        let level = TextNormalizer.normalize(input.level).uppercased()
        if !CompanyInfoInput.levels.contains(level) { errors.add("level", "请选择级别") }
        let officeAddress = errors.required("office_address", input.officeAddress, "固定办公场所地址", max: 200)
        let phone = errors.required("phone", input.phone, "联系电话", rule: TelephoneNumber.validate)
        var creditCode: String?
        if !TextNormalizer.normalize(input.creditCode).isEmpty {
            switch SocialCreditCode.validate(input.creditCode) {
            case .success(let v): creditCode = v
            case .failure(let e): errors.add("credit_code", e.message)
            }
        }

        guard errors.isEmpty else { return .failure(errors) }

        identity.apply(to: company)
        company.certificateIssued = issued?.iso
        company.certificateExpires = expires?.iso
        company.level = level
        company.officeAddress = officeAddress
        company.phone = phone
        company.creditCode = creditCode
        return .success(company)
    }
}

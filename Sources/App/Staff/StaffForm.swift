import Fluent
import Validation
import Vapor

/// The 维保人员信息 form (manual 2.2.1) as sent by the browser or read from an import row.
struct StaffInput: Content, Equatable {
    var name = "", jobType = "", idNumber = "", certificateNo = "", certificateIssued = "", certificateExpires = "", phone = ""

    enum CodingKeys: String, CodingKey {
        case name, jobType = "job_type", idNumber = "id_number", certificateNo = "certificate_no"
        case certificateIssued = "certificate_issued", certificateExpires = "certificate_expires", phone
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) -> String { (try? c.decodeIfPresent(String.self, forKey: key)) ?? "" }
        name = text(.name); jobType = text(.jobType); idNumber = text(.idNumber); certificateNo = text(.certificateNo)
        certificateIssued = text(.certificateIssued); certificateExpires = text(.certificateExpires); phone = text(.phone)
    }

    init(_ s: StaffMember) {
        name = s.name; jobType = s.jobType; idNumber = s.idNumber; certificateNo = s.certificateNo
        certificateIssued = s.certificateIssued; certificateExpires = s.certificateExpires; phone = s.phone
    }

    func fields(jobTypes: [String]) -> [FormField] {
        let options = jobTypes.contains(jobType) || jobType.isEmpty ? jobTypes : [jobType] + jobTypes
        return [
            FormField(name: "name", label: "姓名", kind: .text, value: name, required: true, maxLength: 30),
            FormField(name: "job_type", label: "工种", kind: .select, required: true,
                      options: [.init(value: "", label: "请选择", selected: jobType.isEmpty)]
                        + options.map { .init(value: $0, label: $0, selected: $0 == jobType) }),
            FormField(name: "id_number", label: "身份证号", kind: .text, value: idNumber, required: true,
                      hint: "应与本人身份证一致，18位（旧15位号码自动转换）", maxLength: 18),
            FormField(name: "certificate_no", label: "证书号", kind: .text, value: certificateNo, required: true, maxLength: 50),
            FormField(name: "certificate_issued", label: "发证日期", kind: .date, value: certificateIssued, required: true, hint: "单击选择日期"),
            FormField(name: "certificate_expires", label: "有效日期", kind: .date, value: certificateExpires, required: true, hint: "应晚于发证日期"),
            FormField(name: "phone", label: "联系方式", kind: .tel, value: phone, required: true, hint: "手机号应为11位", maxLength: 20),
        ]
    }
}

/// The rules of a staff record, shared by the form and the import.
struct StaffValidator {
    let db: any Database
    let today: CivilDate
    let jobTypes: [String]

    struct Valid: Equatable, Sendable {
        var name, jobType, idNumber, certificateNo, certificateIssued, certificateExpires, phone: String
    }

    /// Checks one record; `existingID` is the record being edited (its own ID number is not a duplicate).
    func validate(_ input: StaffInput, companyID: UUID, existingID: UUID?) async throws -> Result<Valid, FieldErrors> {
        var errors = FieldErrors()
        let checked = checkFields(input, errors: &errors)
        if let id = checked.idNumber.nonEmpty, errors["id_number"] == nil,
           let message = try await duplicateMessage(idNumber: id, companyID: companyID, existingID: existingID) {
            errors.add("id_number", message)
        }
        return errors.isEmpty ? .success(checked) : .failure(errors)
    }

    /// The field rules alone, without the database: the import checks whole files with them first.
    func checkFields(_ input: StaffInput, errors: inout FieldErrors) -> Valid {
        let name = errors.required("name", input.name, "姓名", max: 30)
        let jobType = TextNormalizer.normalize(input.jobType)
        if jobType.isEmpty { errors.add("job_type", "请选择工种") }
        else if !jobTypes.contains(jobType) { errors.add("job_type", "工种应为：" + jobTypes.joined(separator: "、")) }
        let idNumber = errors.required("id_number", input.idNumber, "身份证号") { ResidentIDNumber.validate($0, today: today) }
        let certificateNo = errors.required("certificate_no", input.certificateNo, "证书号", max: 50, code: true)
        let issued = errors.requiredDate("certificate_issued", input.certificateIssued, "发证日期")
        let expires = errors.requiredDate("certificate_expires", input.certificateExpires, "有效日期")
        if let issued, issued > today { errors.add("certificate_issued", "发证日期不能晚于今天") }
        if let issued, let expires, expires <= issued { errors.add("certificate_expires", "有效日期应晚于发证日期") }
        let phone = errors.required("phone", input.phone, "联系方式", rule: MobilePhone.validate)
        return Valid(name: name, jobType: jobType, idNumber: idNumber, certificateNo: certificateNo,
                     certificateIssued: issued?.iso ?? "", certificateExpires: expires?.iso ?? "", phone: phone)
    }

    /// The one-company rule: a person is filed by one company at a time.
    func duplicateMessage(idNumber: String, companyID: UUID, existingID: UUID?) async throws -> String? {
        let query = StaffMember.query(on: db).filter(\.$idNumber == idNumber)
        if let existingID { query.filter(\.$id != existingID) }
        guard let other = try await query.first() else { return nil }
        if other.companyID == companyID { return "本单位已登记该身份证号的人员（\(other.name)）" }
        return Self.heldByOther
    }

    /// Another company has the person: which one is not said (the regulator can see it).
    static let heldByOther = "该人员已在其他维保单位登记，同一人员只能由一家单位备案；如该人员已调入本单位，请联系原单位注销或联系监管部门"
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension StaffMember {
    typealias Valid = StaffValidator.Valid

    func apply(_ v: StaffValidator.Valid) {
        name = v.name; jobType = v.jobType; idNumber = v.idNumber; certificateNo = v.certificateNo
        certificateIssued = v.certificateIssued; certificateExpires = v.certificateExpires; phone = v.phone
    }
}

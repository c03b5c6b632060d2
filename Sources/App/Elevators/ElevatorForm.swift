import Fluent
import Validation
import Vapor

/// The 电梯信息 form (manual 2.3.1) as sent by the browser or read from an import row.
struct ElevatorInput: Content, Equatable {
    var equipmentName = "", registrationCode = "", internalNo = "", rescueCode = "", inspectionDate = ""
    var nextInspectionDate = "", userUnit = "", manufacturer = "", safetyManager = "", safetyManagerPhone = ""
    var regionCode = "", address = ""

    enum CodingKeys: String, CodingKey, CaseIterable {
        case equipmentName = "equipment_name", registrationCode = "registration_code", internalNo = "internal_no"
        case rescueCode = "rescue_code", inspectionDate = "inspection_date", nextInspectionDate = "next_inspection_date"
        case userUnit = "user_unit", manufacturer, safetyManager = "safety_manager"
        case safetyManagerPhone = "safety_manager_phone", regionCode = "region_code", address
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var values: [String: String] = [:]
        for key in CodingKeys.allCases { values[key.rawValue] = (try? c.decodeIfPresent(String.self, forKey: key)) ?? "" }
        self.init(values: values)
    }

    /// From field name → text: a form post or an import row (which has no 行政区划).
    init(values: [String: String]) {
        func v(_ key: CodingKeys) -> String { values[key.rawValue] ?? "" }
        equipmentName = v(.equipmentName); registrationCode = v(.registrationCode); internalNo = v(.internalNo)
        rescueCode = v(.rescueCode); inspectionDate = v(.inspectionDate); nextInspectionDate = v(.nextInspectionDate)
        userUnit = v(.userUnit); manufacturer = v(.manufacturer); safetyManager = v(.safetyManager)
        safetyManagerPhone = v(.safetyManagerPhone); regionCode = v(.regionCode); address = v(.address)
    }

    init(_ e: Elevator) {
        equipmentName = e.equipmentName; registrationCode = e.registrationCode; internalNo = e.internalNo
        rescueCode = e.rescueCode ?? ""; inspectionDate = e.inspectionDate; nextInspectionDate = e.nextInspectionDate
        userUnit = e.userUnit; manufacturer = e.manufacturer; safetyManager = e.safetyManager
        safetyManagerPhone = e.safetyManagerPhone; regionCode = e.regionCode; address = e.address
    }

    func fields(equipmentNames: [String], regionName: String?) -> [FormField] {
        [
            FormField(name: "equipment_name", label: "设备名称", kind: .text, value: equipmentName, required: true,
                      hint: "可从列表中选择，也可填写", maxLength: 30, suggestions: equipmentNames),
            FormField(name: "registration_code", label: "注册代码", kind: .text, value: registrationCode, required: true,
                      hint: "以质监局备案的信息为准：20位数字（旧系统的17位代码也可）", maxLength: 20),
            FormField(name: "internal_no", label: "内部编号", kind: .text, value: internalNo, maxLength: 30),
            FormField(name: "rescue_code", label: "救援电梯编号", kind: .text, value: rescueCode,
                      hint: "轿厢内张贴的96333救援识别码", maxLength: 20),
            FormField(name: "inspection_date", label: "检验日期", kind: .date, value: inspectionDate, required: true, hint: "单击选择日期"),
            FormField(name: "next_inspection_date", label: "下次检验日期", kind: .date, value: nextInspectionDate, required: true,
                      hint: "应晚于检验日期"),
            FormField(name: "user_unit", label: "责任单位", kind: .text, value: userUnit, required: true,
                      hint: "电梯使用单位（如物业公司）", maxLength: 100),
            FormField(name: "manufacturer", label: "制造单位", kind: .text, value: manufacturer, required: true, maxLength: 100),
            FormField(name: "safety_manager", label: "安全管理员", kind: .text, value: safetyManager, maxLength: 30),
            FormField(name: "safety_manager_phone", label: "安全管理员电话", kind: .tel, value: safetyManagerPhone,
                      hint: "手机或带区号的固定电话，如0373-1234567", maxLength: 20),
            FormField(name: "region_code", label: "行政区划", kind: .region, value: regionCode, required: true,
                      hint: "默认为电梯所在管辖质监局的行政区划", display: regionName),
            FormField(name: "address", label: "安装地址", kind: .text, value: address, maxLength: 200),
        ]
    }
}

/// The rules of an elevator record, shared by the form and the import.
struct ElevatorValidator: Sendable {
    let db: any Database
    let today: CivilDate
    let equipmentNames: [String]
    /// Every region code the system knows: a registration code's region part is checked against it.
    let knownRegions: Set<String>
    let rescueCodeLengths: ClosedRange<Int>

    struct Valid: Equatable, Sendable {
        var equipmentName, registrationCode, internalNo, rescueCode, inspectionDate, nextInspectionDate: String
        var userUnit, manufacturer, safetyManager, safetyManagerPhone, regionCode, regionName, address: String
        /// Set for import rows, which carry no 行政区划: an existing elevator keeps its own.
        var regionIsDefault: Bool
    }

    /// The form: the field rules, the chosen region, and the codes no other elevator may have.
    func validate(_ input: ElevatorInput, companyID: UUID, existingID: UUID?) async throws -> Result<(Valid, [String]), FieldErrors> {
        var errors = FieldErrors()
        var warnings: [String: String] = [:]
        var valid = checkFields(input, region: ("", ""), errors: &errors, warnings: &warnings)
        let code = TextNormalizer.normalize(input.regionCode)
        if code.isEmpty {
            errors.add("region_code", "请选择行政区划")
        } else if let region = try await Region.find(code, on: db) {
            if try await RegionDirectory(db: db).hasChildren(code) {
                errors.add("region_code", "请选择到县（区）一级")
            } else {
                valid.regionCode = region.code
                valid.regionName = region.fullName
            }
        } else {
            errors.add("region_code", "行政区划代码不存在，请重新选择")
        }
        if errors["registration_code"] == nil, !valid.registrationCode.isEmpty,
           let message = try await registrationCodeHolder(valid.registrationCode, companyID: companyID, existingID: existingID) {
            errors.add("registration_code", message)
        }
        if errors["rescue_code"] == nil, !valid.rescueCode.isEmpty,
           let message = try await rescueCodeHolder(valid.rescueCode, companyID: companyID, existingID: existingID) {
            errors.add("rescue_code", message)
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success((valid, warnings.sorted { $0.key < $1.key }.map(\.value)))
    }

    /// The field rules alone, without the database: the import checks whole files with them first.
    /// `region` is the 行政区划 to use (the form resolves the chosen one; an import row takes the company's).
    func checkFields(_ input: ElevatorInput, region: (code: String, name: String), errors: inout FieldErrors,
                     warnings: inout [String: String]) -> Valid {
        let name = errors.required("equipment_name", input.equipmentName, "设备名称", max: 30)
        if !name.isEmpty, !equipmentNames.contains(name) {
            warnings["equipment_name"] = "设备名称“\(name)”不在数据字典中"
        }
        var code = ""
        if TextNormalizer.normalize(input.registrationCode).isEmpty {
            errors.add("registration_code", "请填写注册代码")
        } else {
            switch ElevatorRegistrationCode.validate(input.registrationCode, knownRegion: knownRegions.contains) {
            case .success(let check):
                code = check.code
                if !check.warnings.isEmpty { warnings["registration_code"] = check.warnings.joined(separator: "；") }
            case .failure(let error):
                errors.add("registration_code", error.message)
            }
        }
        let internalNo = optional("internal_no", input.internalNo, "内部编号", max: 30, errors: &errors)
        var rescue = ""
        if !TextNormalizer.normalize(input.rescueCode).isEmpty {
            switch RescueCode.validate(input.rescueCode, lengths: rescueCodeLengths) {
            case .success(let value): rescue = value
            case .failure(let error): errors.add("rescue_code", error.message)
            }
        }
        let inspected = errors.requiredDate("inspection_date", input.inspectionDate, "检验日期")
        let next = errors.requiredDate("next_inspection_date", input.nextInspectionDate, "下次检验日期")
        if let inspected, inspected > today { errors.add("inspection_date", "检验日期不能晚于今天") }
        if let inspected, let next, next <= inspected { errors.add("next_inspection_date", "下次检验日期应晚于检验日期") }
        let userUnit = errors.required("user_unit", input.userUnit, "责任单位", max: 100)
        let manufacturer = errors.required("manufacturer", input.manufacturer, "制造单位", max: 100)
        let manager = optional("safety_manager", input.safetyManager, "安全管理员", max: 30, errors: &errors)
        var phone = ""
        if !TextNormalizer.normalize(input.safetyManagerPhone).isEmpty {
            switch TelephoneNumber.validate(input.safetyManagerPhone) {
            case .success(let value): phone = value
            case .failure(let error): errors.add("safety_manager_phone", error.message)
            }
        }
        let address = optional("address", input.address, "安装地址", max: 200, errors: &errors)
        return Valid(equipmentName: name, registrationCode: code, internalNo: internalNo, rescueCode: rescue,
                     inspectionDate: inspected?.iso ?? "", nextInspectionDate: next?.iso ?? "", userUnit: userUnit,
                     manufacturer: manufacturer, safetyManager: manager, safetyManagerPhone: phone,
                     regionCode: region.code, regionName: region.name, address: address, regionIsDefault: false)
    }

    private func optional(_ field: String, _ raw: String, _ label: String, max: Int, errors: inout FieldErrors) -> String {
        let value = TextNormalizer.normalizeFreeText(raw)
        if value.count > max { errors.add(field, "\(label)不能超过\(max)个字") }
        return value
    }

    /// The one-company rule: an elevator is maintained by one company at a time.
    func registrationCodeHolder(_ code: String, companyID: UUID, existingID: UUID?) async throws -> String? {
        let query = Elevator.query(on: db).filter(\.$registrationCode == code)
        if let existingID { query.filter(\.$id != existingID) }
        guard let other = try await query.first() else { return nil }
        if other.companyID == companyID { return "本单位已登记该注册代码的电梯" }
        return Self.heldByOther
    }

    /// Another company has the elevator: which one is not said (the regulator can see it).
    static let heldByOther = "该电梯已在其他维保单位登记，同一电梯只能由一家单位维保；如维保合同已变更，请联系原单位注销或联系监管部门"

    func rescueCodeHolder(_ code: String, companyID: UUID, existingID: UUID?) async throws -> String? {
        let query = Elevator.query(on: db).filter(\.$rescueCode == code)
        if let existingID { query.filter(\.$id != existingID) }
        guard let other = try await query.first() else { return nil }
        // Another company's elevator is not named: only that its number is taken.
        return other.companyID == companyID
            ? "该救援电梯编号已用于本单位注册代码为\(other.registrationCode)的电梯"
            : "该救援电梯编号已被其他电梯使用，请核对"
    }
}

import Fluent

/// The elevator register (电梯信息上报, manual 2.3): its names and the template's columns — A to I as
/// the manual's table (2.3.2), then the optional 救援电梯编号 and 安装地址.
extension Register {
    static let elevators = Register(
        kind: .elevator, title: "电梯信息上报", heading: "电梯信息上报", noun: "电梯", unit: "台", sheetName: "电梯信息",
        columns: [
            SheetColumn(key: "equipment_name", title: "设备名称", kind: .text, required: true,
                        note: "如：乘客电梯、曳引式客梯、无机房客梯、载货电梯、液压电梯、杂物电梯、自动扶梯、自动人行道", width: 14),
            SheetColumn(key: "registration_code", title: "注册代码", kind: .digits, required: true,
                        note: "以质监局备案的信息为准：20位数字（旧系统的17位代码也可）；本列为文本格式，请勿改为数字", width: 24),
            SheetColumn(key: "internal_no", title: "内部编号", kind: .text, required: false, note: "单位内部的电梯编号，可不填", width: 12),
            SheetColumn(key: "inspection_date", title: "检验日期", kind: .date, required: true, note: "如 2014-09-02", width: 13),
            SheetColumn(key: "next_inspection_date", title: "下次检验日期", kind: .date, required: true,
                        note: "如 2015-09-01，应晚于检验日期", width: 14),
            SheetColumn(key: "user_unit", title: "责任单位", kind: .text, required: true, note: "电梯使用单位（如物业公司）", width: 26),
            SheetColumn(key: "manufacturer", title: "制造单位", kind: .text, required: true, note: "电梯制造单位", width: 24),
            SheetColumn(key: "safety_manager", title: "安全管理员", kind: .text, required: false, note: "可不填", width: 12),
            SheetColumn(key: "safety_manager_phone", title: "安全管理员电话", kind: .digits, required: false,
                        note: "手机或带区号的固定电话，如0373-1234567；本列为文本格式", width: 16),
            SheetColumn(key: "rescue_code", title: "救援电梯编号", kind: .digits, required: false,
                        note: "轿厢内张贴的96333救援识别码，可不填", width: 14),
            SheetColumn(key: "address", title: "安装地址", kind: .text, required: false, note: "可不填", width: 30),
        ],
        queryKeys: ["company", "registration_code", "rescue_code", "review_status"],
        importNote: "注册代码、电话等列已设为文本格式，请勿改为数字。已登记的电梯（注册代码相同）将被更新；新电梯的行政区划为本单位的行政区划。")
}

extension RegisterImportRules where R == Elevator {
    /// `region`: the company's, which a new elevator from a sheet takes (the sheet has no 行政区划).
    static func elevators(_ validator: ElevatorValidator, region: (code: String, name: String)) -> Self {
        RegisterImportRules(
            check: { values in
                var checked = RowCheck()
                var valid = validator.checkFields(ElevatorInput(values: values), region: region,
                                                  errors: &checked.errors, warnings: &checked.warnings)
                valid.regionIsDefault = true
                if checked.errors.isEmpty { checked.valid = valid }
                return checked
            },
            key: \.registrationCode, keyField: "registration_code",
            heldByOther: ElevatorValidator.heldByOther,
            crossChecks: { rows, _, db in try await rescueCodeProblems(rows, on: db) })
    }

    /// 救援电梯编号 is unique where given: twice in the file, or held by an elevator with another code.
    private static func rescueCodeProblems(_ rows: [(row: Int, value: ElevatorValidator.Valid)],
                                           on db: any Database) async throws -> [ImportProblem] {
        var problems: [ImportProblem] = []
        var firstRowOf: [String: Int] = [:]
        var codeOf: [String: String] = [:]
        for (row, value) in rows where !value.rescueCode.isEmpty {
            if let first = firstRowOf[value.rescueCode] {
                problems.append(ImportProblem(row: row, column: "救援电梯编号", value: value.rescueCode,
                                              reason: "与第\(first)行的救援电梯编号重复"))
            } else {
                firstRowOf[value.rescueCode] = row
                codeOf[value.rescueCode] = value.registrationCode
            }
        }
        let codes = Array(codeOf.keys)
        for start in stride(from: 0, to: codes.count, by: 500) {
            let chunk = Array(codes[start..<min(start + 500, codes.count)])
            for holder in try await Elevator.query(on: db).filter(\.$rescueCode ~~ chunk).all() {
                guard let rescue = holder.rescueCode, codeOf[rescue] != holder.registrationCode, let row = firstRowOf[rescue] else { continue }
                problems.append(ImportProblem(row: row, column: "救援电梯编号", value: rescue, reason: "该救援电梯编号已被其他电梯使用，请核对"))
            }
        }
        return problems
    }
}

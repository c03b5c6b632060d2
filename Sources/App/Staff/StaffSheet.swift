/// The staff register (维保人员上报, manual 2.2): its names and the template's columns (2.2.2).
extension Register {
    static let staff = Register(
        kind: .staff, title: "维保人员上报", heading: "维保人员信息上报", noun: "人员", unit: "人", sheetName: "维保人员",
        columns: [
            SheetColumn(key: "name", title: "姓名", kind: .text, required: true, note: "维保人员姓名，与身份证一致", width: 12),
            SheetColumn(key: "job_type", title: "工种", kind: .text, required: true,
                        note: "从以下选择：电梯维护人员、维保工程师、电梯安装维修人员、电梯安全管理员、维保人员", width: 16),
            SheetColumn(key: "id_number", title: "身份证号", kind: .digits, required: true,
                        note: "18位身份证号（末位可为X）；本列为文本格式，请勿改为数字", width: 22),
            SheetColumn(key: "certificate_no", title: "证书号", kind: .text, required: true, note: "特种设备作业人员证编号", width: 18),
            SheetColumn(key: "certificate_issued", title: "发证日期", kind: .date, required: true, note: "如 2014-09-01", width: 13),
            SheetColumn(key: "certificate_expires", title: "有效日期", kind: .date, required: true, note: "如 2018-09-01，应晚于发证日期", width: 13),
            SheetColumn(key: "phone", title: "联系方式", kind: .digits, required: true, note: "11位手机号码", width: 15),
        ],
        queryKeys: ["name", "phone", "id_number", "review_status"],
        importNote: "身份证号、联系方式等列已设为文本格式，请勿改为数字。已登记的人员（身份证号相同）将被更新。")
}

extension StaffMember {
    /// The record's cells in the template's column order (导出).
    var sheetCells: [String] { [name, jobType, idNumber, certificateNo, certificateIssued, certificateExpires, phone] }
}

extension RegisterImportRules where R == StaffMember {
    static func staff(_ validator: StaffValidator) -> Self {
        RegisterImportRules(
            check: { values in
                var checked = RowCheck()
                let valid = validator.checkFields(StaffInput(values: values), errors: &checked.errors)
                if checked.errors.isEmpty { checked.valid = valid }
                return checked
            },
            key: \.idNumber, keyField: "id_number",
            heldByOther: StaffValidator.heldByOther)
    }
}

extension StaffInput {
    init(values: [String: String]) {
        self.init()
        name = values["name"] ?? ""; jobType = values["job_type"] ?? ""; idNumber = values["id_number"] ?? ""
        certificateNo = values["certificate_no"] ?? ""; certificateIssued = values["certificate_issued"] ?? ""
        certificateExpires = values["certificate_expires"] ?? ""; phone = values["phone"] ?? ""
    }
}

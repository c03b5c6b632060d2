/// The staff register's spreadsheet columns, in the template's order (manual 2.2.2).
enum StaffSheet {
    static let columns: [SheetColumn] = [
        SheetColumn(key: "name", title: "姓名", kind: .text, required: true, note: "维保人员姓名，与身份证一致", width: 12),
        SheetColumn(key: "job_type", title: "工种", kind: .text, required: true,
                    note: "从以下选择：电梯维护人员、维保工程师、电梯安装维修人员、电梯安全管理员、维保人员", width: 16),
        SheetColumn(key: "id_number", title: "身份证号", kind: .digits, required: true,
                    note: "18位身份证号（末位可为X）；本列为文本格式，请勿改为数字", width: 22),
        SheetColumn(key: "certificate_no", title: "证书号", kind: .text, required: true, note: "特种设备作业人员证编号", width: 18),
        SheetColumn(key: "certificate_issued", title: "发证日期", kind: .date, required: true, note: "如 2014-09-01", width: 13),
        SheetColumn(key: "certificate_expires", title: "有效日期", kind: .date, required: true, note: "如 2018-09-01，应晚于发证日期", width: 13),
        SheetColumn(key: "phone", title: "联系方式", kind: .digits, required: true, note: "11位手机号码", width: 15),
    ]

    static func title(of key: String) -> String { columns.first { $0.key == key }?.title ?? key }
}

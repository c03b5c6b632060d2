import Foundation

extension Company {
    /// The company's information as filed: the fields in the order of the edit page, and its
    /// current attachments.
    func snapshot(regionName: String, attachments: [Attachment]) -> FilingSnapshot {
        FilingSnapshot(fields: [
            .init(key: "name", label: "单位名称", value: name),
            .init(key: "certificate_no", label: "资格证书编号", value: certificateNo),
            .init(key: "legal_person", label: "单位法人", value: legalPerson),
            .init(key: "manager", label: "负责人", value: manager),
            .init(key: "manager_phone", label: "负责人手机", value: managerPhone),
            .init(key: "address", label: "单位地址", value: address),
            .init(key: "region", label: "行政区划", value: regionName),
            .init(key: "certificate_issued", label: "发证日期", value: certificateIssued ?? ""),
            .init(key: "certificate_expires", label: "有效日期", value: certificateExpires ?? ""),
            .init(key: "level", label: "级别", value: level.map { "\($0)级" } ?? ""),
            .init(key: "office_address", label: "固定办公场所地址", value: officeAddress ?? ""),
            .init(key: "phone", label: "联系电话", value: phone ?? ""),
            .init(key: "credit_code", label: "统一社会信用代码", value: creditCode ?? ""),
        ], attachments: attachments.filter { $0.removedAt == nil }.map(\.ref))
    }

    /// What must be filled in before the information can be submitted for review.
    func submissionProblems(attachmentCount: Int) -> [String] {
        var problems: [String] = []
        let missing = [("发证日期", certificateIssued), ("有效日期", certificateExpires), ("级别", level),
                       ("固定办公场所地址", officeAddress), ("联系电话", phone)]
            .filter { ($0.1 ?? "").isEmpty }.map(\.0)
        if !missing.isEmpty { problems.append("请先单击“编辑”填写" + missing.joined(separator: "、")) }
        if attachmentCount == 0 { problems.append("请上传资格证书等证件附件") }
        return problems
    }
}

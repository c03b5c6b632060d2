import Fluent
import Validation
import Vapor

/// The three lists of chapter 三 with their query forms and the manual's columns.
enum ArchiveLists {
    /// The companies whose name contains the typed text (查询 by 维保单位 / 单位名称).
    /// By the approved name, as the lists show it; a company whose information was never approved, by the
    /// name it registered with.
    static func companies(named text: String, on db: any Database) async throws -> [UUID] {
        let text = TextNormalizer.normalizeFreeText(text)
        let approved = try await ArchivedCompany.query(on: db).filter(\.$name ~~ text).all(\.$companyID)
        let working = try await Company.query(on: db).filter(\.$name ~~ text).all(\.$id)
        let archived = Set(try await ArchivedCompany.query(on: db).filter(\.$companyID ~~ working).all(\.$companyID))
        return Array(Set(approved + working.filter { !archived.contains($0) }))
    }

    /// 3.1 电梯档案管理.
    static let elevators = ArchiveList<ArchivedElevator>(
        kind: .elevator, title: "电梯档案管理", emptyText: "没有符合条件的电梯档案",
        queryInputs: { req, across in
            (across ? [.init(name: "company", label: "维保单位", value: req.queryText("company"))] : [])
                + [.init(name: "registration_code", label: "设备注册代码", value: req.queryText("registration_code")),
                   .init(name: "rescue_code", label: "救援电梯编号", value: req.queryText("rescue_code"))]
        },
        queryKeys: ["company", "registration_code", "rescue_code"],
        filter: { req, query in
            let company = req.queryText("company")
            if !company.isEmpty, try await req.accessScope().acrossCompanies {
                query.filter(\.$companyID ~~ (try await companies(named: company, on: req.db)))
            }
            let code = TextNormalizer.normalize(req.queryText("registration_code"))
            if !code.isEmpty {
                try await SubstringSearch.archivedElevators.filter(query, column: "registration_code", field: \.$registrationCode,
                                                         contains: code, on: req.db)
            }
            let rescue = TextNormalizer.normalize(req.queryText("rescue_code"))
            if !rescue.isEmpty { query.filter(\.$rescueCode == rescue) }
        },
        columns: [("设备名称", nil), ("注册代码", "registration_code"), ("内部编号", nil), ("检验日期", "inspection_date"),
                  ("下次检验日期", "next_inspection_date"), ("责任单位", nil), ("制造单位", nil), ("安全管理员", nil),
                  ("安全管理员电话", nil), ("维保单位", nil)],
        sortable: ["registration_code": \.$registrationCode, "inspection_date": \.$inspectionDate,
                   "next_inspection_date": \.$nextInspectionDate],
        cells: { e, context in
            [e.equipmentName, e.registrationCode, e.internalNo, e.inspectionDate, e.nextInspectionDate, e.userUnit,
             e.manufacturer, e.safetyManager, e.safetyManagerPhone, context.company(e.companyID)]
        },
        widths: [14, 24, 12, 13, 14, 28, 24, 12, 16, 28],
        moreTools: { req in
            // The company prints its elevators' QR stickers (电梯安全码) for the selected rows.
            guard req.currentUser?.role == .company else { return [] }
            return [.init(label: "打印安全码", style: "primary", select: "many", href: SiteURL.safetyCodes.path + "?{ids}", post: nil, confirm: nil)]
        })

    /// 3.2 维保公司信息.
    static let levels = ["A级", "B级", "C级"]
    static let companies = ArchiveList<ArchivedCompany>(
        kind: .company, title: "维保公司信息", emptyText: "没有符合条件的维保单位",
        queryInputs: { req, _ in
            let chosen = Set(queryValues(req, "level"))
            return [.init(name: "name", label: "单位名称", value: req.queryText("name")),
                    .init(name: "certificate_no", label: "资格证书编号", value: req.queryText("certificate_no")),
                    .init(name: "level", label: "级别", value: "", choices: levels.map { .init(value: $0, checked: chosen.contains($0)) })]
        },
        queryKeys: ["name", "certificate_no", "level"],
        filter: { req, query in
            let name = TextNormalizer.normalizeFreeText(req.queryText("name"))
            if !name.isEmpty { query.filter(\.$name ~~ name) }
            let certificate = TextNormalizer.normalize(req.queryText("certificate_no")).uppercased()
            if !certificate.isEmpty { query.filter(\.$certificateNo ~~ certificate) }
            let chosen = queryValues(req, "level").filter(levels.contains)
            if !chosen.isEmpty { query.filter(\.$level ~~ chosen) }
        },
        columns: [("单位名称", "name"), ("证书编号", nil), ("发证日期", nil), ("有效日期", "certificate_expires"),
                  ("行政区划", nil), ("级别", nil), ("固定办公场所地址", nil)],
        sortable: ["name": \.$name, "certificate_expires": \.$certificateExpires],
        cells: { c, _ in [c.name, c.certificateNo, c.certificateIssued, c.certificateExpires, c.regionName, c.level, c.officeAddress] },
        widths: [30, 18, 13, 13, 24, 8, 36])

    /// 3.3 维保人员信息.
    static let staff = ArchiveList<ArchivedStaff>(
        kind: .staff, title: "维保人员信息", emptyText: "没有符合条件的维保人员",
        queryInputs: { req, across in
            (across ? [.init(name: "company", label: "单位名称", value: req.queryText("company"))] : [])
                + [.init(name: "name", label: "维保人姓名", value: req.queryText("name")),
                   .init(name: "phone", label: "维保人手机", value: req.queryText("phone"))]
        },
        queryKeys: ["company", "name", "phone"],
        filter: { req, query in
            let company = req.queryText("company")
            if !company.isEmpty, try await req.accessScope().acrossCompanies {
                query.filter(\.$companyID ~~ (try await companies(named: company, on: req.db)))
            }
            let name = TextNormalizer.normalizeFreeText(req.queryText("name"))
            if !name.isEmpty { query.filter(\.$name ~~ name) }
            let phone = TextNormalizer.normalize(req.queryText("phone"))
            if !phone.isEmpty { query.filter(\.$phone ~~ phone) }
        },
        columns: [("单位名称", nil), ("姓名", "name"), ("工种", nil), ("身份证号", nil), ("证书号", nil), ("联系方式", nil),
                  ("发证日期", nil), ("有效日期", "certificate_expires")],
        sortable: ["name": \.$name, "certificate_expires": \.$certificateExpires],
        cells: { s, context in
            [context.company(s.companyID), s.name, s.jobType, context.idNumber(s.idNumber), s.certificateNo, s.phone,
             s.certificateIssued, s.certificateExpires]
        },
        widths: [30, 12, 16, 22, 18, 15, 13, 13])

    /// Every value of a repeated query parameter (?level=A级&level=B级).
    static func queryValues(_ req: Request, _ name: String) -> [String] {
        (URLComponents(string: req.url.string)?.queryItems ?? []).filter { $0.name == name }.compactMap(\.value)
    }
}

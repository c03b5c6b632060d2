import Fluent
import Validation
import Vapor

/// 电梯信息上报 (manual 2.3): a company keeps its elevators here; regulators read the register of the
/// elevators in their region (and admins all), with 查看 and 导出 only.
struct ElevatorController {
    static let register = Register.elevators
    static let sortable: [String: KeyPath<Elevator, FieldProperty<Elevator, String>>] = [
        "registration_code": \.$registrationCode, "inspection_date": \.$inspectionDate,
        "next_inspection_date": \.$nextInspectionDate,
    ]

    /// The elevators the user may see, matching the query form (查询条件), in the list's order.
    @Sendable static func listQuery(_ req: Request) async throws -> ListQuery<Elevator> {
        // The working register: a regulator's part of it is by the approved region (the filing's, copied onto
        // the row, M036) — an unreviewed move of an elevator's 行政区划 moves nothing — without drafts never
        // submitted.
        let scope = try await req.accessScope()
        let query = try scope.applyListed(Elevator.query(on: req.db), company: \.$companyID, regionColumn: "filing_region_code")
        if scope.ownCompany == nil { Elevator.hideUnsubmittedDrafts(query) }
        Elevator.filter(query, reviewStatus: Elevator.requestedReviewStatuses(req),
                        testedPerRow: scope.acrossCompanies && RegisterSort(req, allowed: Set(sortable.keys)).key != nil)
        let companyName = req.queryText("company")
        let code = TextNormalizer.normalize(req.queryText("registration_code")), rescue = TextNormalizer.normalize(req.queryText("rescue_code"))
        if !companyName.isEmpty, scope.acrossCompanies {
            let ids = try await Company.query(on: req.db).filter(\.$name ~~ companyName).all(\.$id)
            query.filter(\.$companyID ~~ ids)
        }
        if !code.isEmpty {
            try await SubstringSearch.elevators.filter(query, column: "registration_code", field: \.$registrationCode, contains: code, on: req.db)
        }
        if !rescue.isEmpty { query.filter(\.$rescueCode == rescue) }
        return ListQuery(query, RegisterSort(req, allowed: Set(sortable.keys)).order(sortable: sortable, newestFirst: \Elevator.$createdAt))
    }

    func list(_ req: Request) async throws -> Response {
        let register = Self.register
        let forCompany = try await req.accessScope().ownCompany != nil
        let query = try await Self.listQuery(req)
        let sort = RegisterSort(req, allowed: Set(Self.sortable.keys))
        let known = try await Elevator.keptTotal(req)
        let (elevators, paging) = try await query.page(req, knownTotal: known)
        let companyNames = forCompany ? [:] : try await Company.workingNames(elevators.map(\.companyID), on: req.db)
        let rows = try await register.rows(elevators, on: req.db) { e in
            [e.equipmentName, e.registrationCode, e.internalNo, e.inspectionDate, e.nextInspectionDate, e.userUnit, e.manufacturer]
                + (forCompany ? [] : [companyNames[e.companyID] ?? ""])
        }
        var inputs: [RegisterPage.QueryInput] = []
        if !forCompany { inputs.append(.init(name: "company", label: "维保单位", value: req.queryText("company"))) }
        inputs += [.init(name: "registration_code", label: "设备注册代码", value: req.queryText("registration_code")),
                   .init(name: "rescue_code", label: "救援电梯编号", value: req.queryText("rescue_code")),
                   Elevator.reviewStatusInput(req)]
        var columns = [sort.head("设备名称", key: nil, req: req), sort.head("注册代码", key: "registration_code", req: req),
                       sort.head("内部编号", key: nil, req: req), sort.head("检验日期", key: "inspection_date", req: req),
                       sort.head("下次检验日期", key: "next_inspection_date", req: req), sort.head("责任单位", key: nil, req: req),
                       sort.head("制造商", key: nil, req: req)]
        if !forCompany { columns.append(sort.head("维保单位", key: nil, req: req)) }
        return try await req.render("register-list", RegisterPage(
            layout: await req.layout(register.title), title: register.heading, queryURL: register.path(.list),
            queryInputs: inputs, toolbar: register.toolbar(req, forCompany: forCompany), columns: columns,
            rows: rows, paging: paging, emptyText: "没有符合条件的电梯"))
    }

    static func validator(_ req: Request) async throws -> ElevatorValidator {
        ElevatorValidator(db: req.db, today: req.clock.today(),
                          equipmentNames: try await DictionaryEntry.values(.equipmentName, on: req.db),
                          knownRegions: Set(try await Region.query(on: req.db).all(\.$id).compactMap { $0 }),
                          rescueCodeLengths: req.config.rescueCodeLengths)
    }

    static let forms = RegisterForms<Elevator, ElevatorInput>(
        register: register, name: "电梯信息",
        blank: { company in
            var input = ElevatorInput()
            input.regionCode = company.jurisdictionCode  // the manual: 行政区划默认为电梯所在管辖质检局的行政区划
            return input
        },
        input: { ElevatorInput($0) },
        fields: { req, input in
            let regionName = input.regionCode.isEmpty ? nil : try await Region.find(input.regionCode, on: req.db)?.fullName
            return input.fields(equipmentNames: try await DictionaryEntry.values(.equipmentName, on: req.db), regionName: regionName)
        },
        validate: { req, input, company, existingID in
            try await validator(req).validate(input, companyID: company.requireID(), existingID: existingID)
                .map { .init(valid: $0.0, warnings: $0.1) }
        })

    static let sheets = RegisterSheetController<Elevator>(
        register: register, listQuery: listQuery, cells: \.sheetCells,
        rules: { req in
            let company = try await req.ownCompany()
            let name = try await Region.find(company.jurisdictionCode, on: req.db)?.fullName ?? company.jurisdictionCode
            return .elevators(try await validator(req), region: (company.jurisdictionCode, name))
        })

    static let actions = RegisterActions<Elevator>(register: register)
}
